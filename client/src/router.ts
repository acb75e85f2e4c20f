// Hash routes: #/wall (default), #/leader, #/rankings, #/admin, #/analysis. Views other than the wall load lazily.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import WallView from './views/wall/WallView.vue';

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/wall' },
  { path: '/wall', name: 'wall', component: WallView, meta: { title: '指挥大屏' } },
  { path: '/leader', name: 'leader', component: () => import('./views/leader/LeaderView.vue'), meta: { title: '领导督办' } },
  { path: '/rankings', name: 'rankings', component: () => import('./views/rankings/RankingsView.vue'), meta: { title: '考核排名' } },
  { path: '/admin', name: 'admin', component: () => import('./views/admin/AdminView.vue'), meta: { title: '系统管理' } },
  { path: '/analysis', name: 'analysis', component: () => import('./views/analysis/AnalysisView.vue'), meta: { title: '研判' } },
  { path: '/:rest(.*)*', redirect: '/wall' },
];

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
