// Words shown on screen for the contract's enumerations: one name per thing, defined once in
// shared/rules-text.ts (the server's exports and ticket detail use the same words).
export {
  CARD_LABELS,
  CHANNEL_LABELS,
  DEPT_KIND_LABELS,
  EVENT_LABELS,
  KIND_LABELS,
  REASON_LABELS,
  RESOLVED_LABELS,
  SATISFACTION_LABELS,
  STATE_LABELS,
  SUPERVISION_LEVELS,
  URGENCY_LABELS,
  colourReasonsText,
  levelLabel,
  levelName,
  warningListTitle,
} from '@shared/rules-text.ts';
