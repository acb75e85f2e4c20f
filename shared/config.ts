// The rules' numbers and the city, with the contract's defaults (metrics.md). Every number here is
// configuration: a JSON file named by HOTLINE_CONFIG is validated against this schema at start-up.
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const positive = z.number().positive();
/** A word for the segmenter's dictionary: 2-16 letters or marks, nothing jieba's dictionary format would split. */
const dictionaryWord = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{M}]{2,16}$/u, '2-16 letters (a name or a place), no digits, spaces or punctuation');

export const DistrictSchema = z.object({
  code: z.string().regex(/^\d{6}(-[0-9A-Za-z]{2})?$/, 'a district adcode like 370902, or a zone like 370900-01'),
  name: z.string().min(1),
});

export const ConfigSchema = z
  .object({
    city: z
      .object({
        name: z.string().min(1).default('泰安市'),
        /** Adcode of the city: names the vendored map file client/src/assets/maps/<adcode>.geojson. */
        adcode: z
          .string()
          .regex(/^\d{6}$/)
          .default('370900'),
        districts: z
          .array(DistrictSchema)
          .min(1)
          .default([
            { code: '370902', name: '泰山区' },
            { code: '370911', name: '岱岳区' },
            { code: '370921', name: '宁阳县' },
            { code: '370923', name: '东平县' },
            { code: '370982', name: '新泰市' },
            { code: '370983', name: '肥城市' },
          ]),
      })
      .prefault({}),
    /** Display names that replace the producers' department names on the screen, by department id. */
    deptNames: z.record(z.string(), z.string().min(1)).default({}),
    weights: z
      .object({
        response: z.number().min(0).default(0.2),
        onTime: z.number().min(0).default(0.2),
        resolution: z.number().min(0).default(0.3),
        satisfaction: z.number().min(0).default(0.3),
        /** 协办按时率: counts only for a unit that co-handled in the period (a null rate is left out). */
        coOnTime: z.number().min(0).default(0.1),
      })
      .prefault({}),
    thresholds: z
      .object({
        /** Unit card: red below this score. */
        scoreRed: z.number().default(80),
        /** Unit card: yellow below this score. */
        scoreYellow: z.number().default(90),
        /** Unit card: red at this many red tickets now. */
        redTicketsRed: z.number().int().min(1).default(3),
        /** Unit card: yellow at this many red tickets now. */
        redTicketsYellow: z.number().int().min(1).default(1),
        /** Urgent tickets turn yellow when this share of the handling time is left. */
        urgentDueSoonShare: z.number().min(0).max(1).default(0.25),
        /** Default sign-for time of urgent tickets, minutes. */
        urgentSignMinutes: positive.default(30),
        /** Overdue working days for automatic supervision levels 3, 4 and 5. */
        level3Days: z.number().int().min(1).default(3),
        level4Days: z.number().int().min(1).default(5),
        level5Days: z.number().int().min(1).default(10),
        /** 解决一类事: a (keyword, district) pair is a cluster at this many tickets in the window. */
        clusterMin: z.number().int().min(1).default(5),
        /** The clusters' window, in local days, today included. */
        clusterDays: z.number().int().min(1).max(31).default(3),
        /** 多次退回: a ticket returned this many times or more is listed. */
        bouncedReturns: z.number().int().min(1).default(2),
      })
      .prefault({}),
    limits: z
      .object({
        /** Warning items of each colour in the snapshot. */
        snapshotWarnings: z.number().int().min(1).default(50),
        /** Largest `limit` of GET /api/v1/warnings. */
        warningsPage: z.number().int().min(1).default(500),
        /** `topCategories` length. */
        topCategories: z.number().int().min(1).default(10),
        /** Longest ranking period, days. */
        rankingDays: z.number().int().min(1).default(366),
        /** Applied event ids are remembered at least this many days of event time. */
        idRetentionDays: positive.default(7),
        /**
         * The server keeps closed tickets and applied ids in memory this long (event time); older
         * ones live only in Redis and are loaded for the batch that names them, so memory follows
         * open tickets, not history.
         */
        closedTicketMemoryHours: positive.default(24),
        idMemoryHours: positive.default(1),
        /** A message at least this often when nothing changes, ms. */
        heartbeatMs: z.number().int().min(100).default(5000),
        /** Entries read from the stream per batch. */
        batchSize: z.number().int().min(1).max(10000).default(500),
        /** A leader's focus on a wall lapses after this many seconds unless released earlier. */
        focusSeconds: z.number().int().min(10).default(600),
        /** A ticket closed longer ago than this (days) has its content, citizen name and phone deleted. */
        personalDataDays: z.number().int().min(1).default(180),
        /** `bounced` length (多次退回). */
        bounced: z.number().int().min(1).default(20),
      })
      .prefault({}),
    /**
     * The hot topics' user dictionary: local personal names (never a hot word or a cluster) and
     * place names (villages, compounds: kept out like every place) that jieba's dictionary lacks.
     */
    privacy: z
      .object({
        names: z.array(dictionaryWord).max(100_000).default([]),
        places: z.array(dictionaryWord).max(100_000).default([]),
      })
      .strict()
      .prefault({}),
    /**
     * The barometer (研判, shared/domain/analysis): spikes against comparable days, clusters of similar
     * complaints, repeat demands, early risks, category suggestions. Every number of its rules.
     */
    analysis: z
      .object({
        /** Days of ticket facts kept (the analysis's memory window, by creation day). */
        historyDays: z.number().int().min(7).max(120).default(56),
        /** Comparable days (same kind: working, rest, holiday, make-up) a baseline averages. */
        baselineDays: z.number().int().min(1).max(30).default(8),
        /** Fewer comparable days than this: topped up with the nearest kind (holiday→rest, make-up→working); still fewer: no test. */
        minBaselineDays: z.number().int().min(1).max(30).default(3),
        /** The spike test's significance level: P(X >= count | Poisson(expected)) below it. */
        alpha: z.number().gt(0).lt(1).default(0.001),
        /** A spike needs at least this many tickets today so far... */
        spikeMinCount: z.number().int().min(1).default(5),
        /** ...and at least this many times the expected count. */
        spikeMinRatio: z.number().min(1).default(1.5),
        /** Clusters: tickets of the last this many local days, today included. */
        clusterDays: z.number().int().min(1).max(31).default(7),
        /** Clusters of at least this many tickets are listed. */
        clusterMin: z.number().int().min(2).default(3),
        /** Cosine similarity of TF-IDF vectors at which two tickets say the same thing. */
        clusterSimilarity: z.number().gt(0).max(1).default(0.4),
        /** Two similar tickets join a cluster when created at most this many hours apart. */
        clusterGapHours: positive.default(72),
        /** Repeat demands: the window, days. */
        repeatDays: z.number().int().min(1).max(120).default(30),
        /** Tickets by the same caller or at the same place about the same matter that make a repeat. */
        repeatMin: z.number().int().min(2).default(2),
        /** A ticket reopened (重办) this many times or more is listed. */
        reopenMin: z.number().int().min(1).default(2),
        /** A ticket returned (退回) this many times or more is listed, by department. */
        returnMin: z.number().int().min(1).default(2),
        /** The same place: locations on a grid of this many degrees (0.001° is about 100 m). */
        locationGrid: positive.default(0.001),
        /** Early risks: weekly counts (7 days ending yesterday) compared over this many weeks. */
        riskWeeks: z.number().int().min(3).max(8).default(4),
        /** An early risk needs at least this many tickets in its latest week... */
        riskMin: z.number().int().min(1).default(10),
        /** ...and this growth from the first week of the window to the latest. */
        riskGrowth: z.number().min(1).default(1.5),
        /** Category suggestions: the given first-level category is unlikely below this posterior... */
        suggestBelow: z.number().gt(0).lt(1).default(0.05),
        /** ...and another has at least this one. */
        suggestAbove: z.number().gt(0).lt(1).default(0.6),
        /** Items of each list in an answer. */
        listLimit: z.number().int().min(1).max(500).default(50),
        /** Ticket ids of each item, at most. */
        idsLimit: z.number().int().min(1).max(5000).default(200),
      })
      .prefault({}),
    /** Additions to the working-day calendar (holidays and make-up working days of later years). */
    calendar: z
      .object({
        holidays: z.array(date).default([]),
        workdays: z.array(date).default([]),
        /** The last date the combined calendar is known to be right for. */
        coveredUntil: date.optional(),
      })
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type District = z.infer<typeof DistrictSchema>;

/** The contract's defaults. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
