import { describe, expect, it } from 'vitest';
import { isWallRoute, withoutToken } from './credential.ts';

describe('withoutToken', () => {
  it('drops the token before and after the hash, keeping every other parameter', () => {
    expect(withoutToken('http://h:8080/?token=abc&wall=hall#/wall')).toBe('http://h:8080/?wall=hall#/wall');
    expect(withoutToken('http://h:8080/?token=abc#/leader')).toBe('http://h:8080/#/leader');
    expect(withoutToken('http://h:8080/#/wall?token=abc&rotate=30')).toBe('http://h:8080/#/wall?rotate=30');
    expect(withoutToken('http://h:8080/#/admin?token=abc')).toBe('http://h:8080/#/admin');
    expect(withoutToken('http://h:8080/?wall=hall#/wall')).toBeNull();
  });
});

describe('isWallRoute', () => {
  it('treats the default route as the wall and the people’s pages as not', () => {
    expect(isWallRoute('')).toBe(true);
    expect(isWallRoute('#/wall?rotate=30')).toBe(true);
    expect(isWallRoute('#/leader?district=370902')).toBe(false);
    expect(isWallRoute('#/rankings')).toBe(false);
    expect(isWallRoute('#/admin?pair=ABC234')).toBe(false);
  });
});
