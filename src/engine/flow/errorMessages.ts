/**
 * The words of every flow and input error, in English and Traditional Chinese.
 *
 * A template names its parameters in braces (`{id}`); a part in guillemets
 * («...») is kept only when every parameter inside it has a value, e.g.
 * "Unknown task type `{type}`«; did you mean `{suggestion}`?»". The parameters
 * named `expected`, `owner`, `what` and `note` are words, translated through WORDS.
 */
export type Locale = 'en' | 'zh-TW';

interface Bilingual {
  en: string;
  'zh-TW': string;
}

export const FLOW_MESSAGES: Record<string, Bilingual> = {
  yaml: {
    en: 'YAML syntax error: {explanation}',
    'zh-TW': 'YAML 語法錯誤：{explanation}',
  },
  'not-a-map': {
    en: 'A flow must be a YAML map with `id`, `namespace` and `tasks`',
    'zh-TW': '流程必須是包含 `id`、`namespace` 與 `tasks` 的 YAML 對應（map）',
  },
  'unquoted-expression': {
    en: 'An expression that starts a value must be quoted: write `"{{ {expression} }}"`, not `{{ {expression} }}`',
    'zh-TW': '以運算式開頭的值必須加上引號：請寫成 `"{{ {expression} }}"`，而不是 `{{ {expression} }}`',
  },
  required: {
    en: 'Missing required property `{property}`« on {owner}»',
    'zh-TW': '«{owner}»缺少必填屬性 `{property}`',
  },
  'empty-list': {
    en: '`{property}` must contain at least one «{what}»',
    'zh-TW': '`{property}` 至少要有一個«{what}»',
  },
  type: {
    en: '`{property}` must be {expected}« (got `{value}`)»',
    'zh-TW': '`{property}` 必須是{expected}«（目前是 `{value}`）»',
  },
  enum: {
    en: '`{property}` must be one of {allowed} (got `{value}`)',
    'zh-TW': '`{property}` 必須是 {allowed} 其中之一（目前是 `{value}`）',
  },
  min: {
    en: '`{property}` must be at least {min} (got `{value}`)',
    'zh-TW': '`{property}` 至少要是 {min}（目前是 `{value}`）',
  },
  'too-long': {
    en: '`{property}` must be at most {max} characters long (it has {length})',
    'zh-TW': '`{property}` 最多只能有 {max} 個字元（目前有 {length} 個）',
  },
  'unknown-property': {
    en: 'Unknown property `{property}` on {owner}«; did you mean `{suggestion}`?»',
    'zh-TW': '{owner}沒有 `{property}` 這個屬性«；你是不是要寫 `{suggestion}`？»',
  },
  'unknown-task': {
    en: 'Unknown task type `{type}`«; did you mean `{suggestion}`?»',
    'zh-TW': '未知的任務型別 `{type}`«；你是不是要寫 `{suggestion}`？»',
  },
  'unknown-trigger': {
    en: 'Unknown trigger type `{type}`«; did you mean `{suggestion}`?»',
    'zh-TW': '未知的觸發器型別 `{type}`«；你是不是要寫 `{suggestion}`？»',
  },
  'unknown-input-type': {
    en: 'Unknown input type `{type}`; use one of {allowed}« (did you mean `{suggestion}`?)»',
    'zh-TW': '未知的輸入型別 `{type}`；請使用 {allowed} 其中之一«（你是不是要寫 `{suggestion}`？）»',
  },
  'duplicate-id': {
    en: 'Duplicate {what} id `{id}` (first used at {first})',
    'zh-TW': '{what} id `{id}` 重複了（第一次出現在 {first}）',
  },
  'id-pattern': {
    en: '{what} id `{id}` is not valid: it must start with a letter or a digit and contain only letters, digits and {allowed}',
    'zh-TW': '{what} id `{id}` 不合法：必須以英文字母或數字開頭，而且只能包含英文字母、數字與 {allowed}',
  },
  'namespace-pattern': {
    en: 'Namespace `{namespace}` is not valid: it must start with a lowercase letter or a digit and contain only lowercase letters, digits, `.`, `_` and `-`',
    'zh-TW': '命名空間 `{namespace}` 不合法：必須以小寫英文字母或數字開頭，而且只能包含小寫英文字母、數字、`.`、`_` 與 `-`',
  },
  'default-not-in-values': {
    en: 'The default `{value}` of input `{id}` is not one of its values [{values}]',
    'zh-TW': '輸入 `{id}` 的預設值 `{value}` 不在它的選項 [{values}] 之中',
  },
  'array-item-type': {
    en: '`itemType` of input `{id}` cannot be `{itemType}`',
    'zh-TW': '輸入 `{id}` 的 `itemType` 不能是 `{itemType}`',
  },
  'bad-regex': {
    en: '`{property}` is not a valid regular expression: `{pattern}`',
    'zh-TW': '`{property}` 不是有效的正規表示式：`{pattern}`',
  },
  'system-label': {
    en: 'System labels can only be set by Kestra itself, offending label: `{key}`',
    'zh-TW': '系統標籤只能由 Kestra 自己設定，有問題的標籤：`{key}`',
  },
  'cron-fields': {
    en: 'Invalid cron expression `{cron}`: expected {count} fields ({fields}) or a nickname such as `@daily`',
    'zh-TW': 'cron 運算式 `{cron}` 不合法：需要 {count} 個欄位（{fields}），或像 `@daily` 這樣的簡寫',
  },
  'cron-field': {
    en: 'Invalid cron expression `{cron}`: `{field}` is not a valid {what} field',
    'zh-TW': 'cron 運算式 `{cron}` 不合法：`{field}` 不是有效的{what}欄位',
  },
  'flowable-timeout': {
    en: '`timeout` has no effect on `{type}`: Kestra applies it to runnable tasks only (kestra-io/kestra#6739); set it on the tasks inside',
    'zh-TW': '`timeout` 對 `{type}` 沒有作用：Kestra 只對可執行的任務套用（kestra-io/kestra#6739）；請設定在裡面的任務上',
  },
  'property-not-run': {
    en: '`{property}` is accepted by Kestra, not run here: {why}',
    'zh-TW': '`{property}` 在 Kestra 上有效，但這裡不會執行：{whyZh}',
  },
  'trigger-property-not-run': {
    en: '`{property}` is accepted by Kestra, not run here: the playground\'s scheduler ignores it',
    'zh-TW': '`{property}` 在 Kestra 上有效，但這裡不會執行：playground 的排程器會略過它',
  },
  'trigger-not-run': {
    en: '`{type}` triggers are accepted by Kestra, not run here: start this flow with Execute',
    'zh-TW': '`{type}` 觸發器在 Kestra 上有效，但這裡不會觸發：請用 Execute 執行這個流程',
  },
  timezone: {
    en: 'Unknown time zone `{timezone}`; use an IANA id such as `Europe/Paris` or `America/New_York`',
    'zh-TW': '未知的時區 `{timezone}`；請使用 IANA 時區代碼，例如 `Asia/Taipei` 或 `America/New_York`',
  },
  expression: {
    en: 'Invalid expression in `{property}`: {detail}« (and {more} more)»',
    'zh-TW': '`{property}` 裡的運算式有誤：{detail}«（還有 {more} 個問題）»',
  },

  // What the text is too big or too tangled to read (readYaml.ts, inspectYamlTree.ts, parseFlow.ts)
  'yaml-too-deep': {
    en: 'YAML nested deeper than {max} levels; flatten this structure',
    'zh-TW': 'YAML 巢狀超過 {max} 層；請減少這裡的巢狀層數',
  },
  'yaml-alias-unknown': {
    en: 'The YAML alias `*{alias}` names no anchor `&{alias}` defined before it',
    'zh-TW': 'YAML 別名 `*{alias}` 之前沒有定義對應的錨點 `&{alias}`',
  },
  'yaml-alias-recursive': {
    en: 'The YAML alias `*{alias}` is inside the value its anchor `&{alias}` names: it would repeat forever',
    'zh-TW': 'YAML 別名 `*{alias}` 位在它指向的錨點 `&{alias}` 的值裡面，會無限展開',
  },
  'yaml-alias-expansion': {
    en: 'YAML aliases are not allowed to expand past {max} values; this alias goes beyond',
    'zh-TW': 'YAML 別名展開後不能超過 {max} 個值；這個別名超過了上限',
  },
  'yaml-alias-kestra': {
    en: 'Kestra does not expand YAML aliases: it reads `*{alias}` as the text "{alias}" (kestra-io/kestra#16315), while this playground expands it; write the value out to get the same result on Kestra',
    'zh-TW': 'Kestra 不會展開 YAML 別名：它會把 `*{alias}` 讀成文字「{alias}」（kestra-io/kestra#16315），這個練習環境則會展開；要在 Kestra 上得到一樣的結果，請把值直接寫出來',
  },
  'too-many-problems': {
    en: '{count} more problems are not shown; fix the ones above first',
    'zh-TW': '還有 {count} 個問題沒有列出；請先修正上面的問題',
  },
  'validator-crash': {
    en: 'The validator stopped on this flow ({detail}); your text is kept as written. Please report this',
    'zh-TW': '驗證程式在這個流程上中斷了（{detail}）；你的內容保持原樣。請回報這個問題',
  },

  // What another Kestra version reads differently (migrationRules.ts)
  'kestra-removed': {
    en: 'Kestra {version} removes the {what} `{name}`: a flow that uses it no longer parses there«; use {replacement} instead» (see {source})',
    'zh-TW': 'Kestra {version} 移除了{what} `{name}`：用到它的流程在該版本無法解析«；請改用 {replacement}»（參考 {source}）',
  },
  'kestra-deprecated': {
    en: 'The {what} `{name}` is deprecated since Kestra {version}«; use {replacement} instead»«; Kestra {removed} no longer accepts it» (see {source})',
    'zh-TW': '{what} `{name}` 從 Kestra {version} 起已不建議使用«；請改用 {replacement}»«；Kestra {removed} 不再接受它»（參考 {source}）',
  },
  'kestra-ignored': {
    en: 'Since Kestra {version}, the {what} `{name}` has no effect«: {note}» (see {source})',
    'zh-TW': '從 Kestra {version} 起，{what} `{name}` 已經沒有作用«：{note}»（參考 {source}）',
  },
  'kestra-too-new': {
    en: 'The {what} `{name}` needs Kestra {version} or later: Kestra {older} rejects it«; write {replacement} for Kestra {older}» (see {source})',
    'zh-TW': '{what} `{name}` 需要 Kestra {version} 以上：Kestra {older} 不接受它«；在 Kestra {older} 請寫成 {replacement}»（參考 {source}）',
  },

  // Input values (resolveInputs): Kestra's wording is "Invalid input for `id`, ..."
  'input-required': {
    en: 'Invalid input for `{id}`, missing required input, but received `null`',
    'zh-TW': '輸入 `{id}` 無效：這是必填輸入，但收到 `null`',
  },
  'input-type': {
    en: 'Invalid input for `{id}`, expected `{type}` but received `{value}`«: {detail}»',
    'zh-TW': '輸入 `{id}` 無效：預期是 `{type}`，但收到 `{value}`«：{detail}»',
  },
  'input-values': {
    en: 'Invalid input for `{id}`, it must match the values `[{values}]`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：必須是 `[{values}]` 其中之一，但收到 `{value}`',
  },
  'input-pattern': {
    en: 'Invalid input for `{id}`, it must match the pattern `{pattern}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：必須符合樣式 `{pattern}`，但收到 `{value}`',
  },
  'input-min': {
    en: 'Invalid input for `{id}`, it must be more than `{min}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：不能小於 `{min}`，但收到 `{value}`',
  },
  'input-max': {
    en: 'Invalid input for `{id}`, it must be less than `{max}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：不能大於 `{max}`，但收到 `{value}`',
  },
  // DURATION bounds: Kestra's DurationInput writes "It must" with a capital I
  'input-duration-min': {
    en: 'Invalid input for `{id}`, It must be more than `{min}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：不能小於 `{min}`，但收到 `{value}`',
  },
  'input-duration-max': {
    en: 'Invalid input for `{id}`, It must be less than `{max}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：不能大於 `{max}`，但收到 `{value}`',
  },
  'input-after': {
    en: 'Invalid input for `{id}`, it must be after `{after}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：必須晚於 `{after}`，但收到 `{value}`',
  },
  'input-before': {
    en: 'Invalid input for `{id}`, it must be before `{before}`, but received `{value}`',
    'zh-TW': '輸入 `{id}` 無效：必須早於 `{before}`，但收到 `{value}`',
  },
  'input-array-item': {
    en: 'Invalid input for `{id}`, Unable to parse array element as `{itemType}` on `{item}`«, but received `{value}`»',
    'zh-TW': '輸入 `{id}` 無效：陣列元素 `{item}` 無法轉成 `{itemType}`«，收到 `{value}`»',
  },
  'input-file': {
    en: 'Invalid input for `{id}`, cannot read the file `{value}`«: {detail}»',
    'zh-TW': '輸入 `{id}` 無效：無法讀取檔案 `{value}`«：{detail}»',
  },
};

/** Words that fill the `expected`, `owner` and `what` parameters. */
const WORDS: Record<string, Bilingual> = {
  string: { en: 'a string', 'zh-TW': '字串' },
  number: { en: 'a number', 'zh-TW': '數字' },
  integer: { en: 'an integer', 'zh-TW': '整數' },
  boolean: { en: 'true or false', 'zh-TW': ' true 或 false' },
  list: { en: 'a list', 'zh-TW': '清單（list）' },
  map: { en: 'a map', 'zh-TW': '對應（map）' },
  'task-list': { en: 'a list of tasks', 'zh-TW': '任務清單' },
  'task-map': { en: 'a map with `id` and `type`', 'zh-TW': '包含 `id` 與 `type` 的對應（map）' },
  'string-or-list': { en: 'a string or a list of strings', 'zh-TW': '字串或字串清單' },
  'map-or-list': { en: 'a map or a list of `key`/`value` pairs', 'zh-TW': '對應（map）或 `key`/`value` 清單' },
  duration: { en: 'an ISO-8601 duration such as PT30S or PT1H', 'zh-TW': ' ISO-8601 時間長度，例如 PT30S 或 PT1H' },
  flow: { en: 'the flow', 'zh-TW': '流程' },
  task: { en: 'task', 'zh-TW': '任務' },
  tasks: { en: 'task', 'zh-TW': '任務' },
  trigger: { en: 'trigger', 'zh-TW': '觸發器' },
  input: { en: 'input', 'zh-TW': '輸入' },
  Flow: { en: 'Flow', 'zh-TW': '流程' },
  Task: { en: 'Task', 'zh-TW': '任務' },
  Trigger: { en: 'Trigger', 'zh-TW': '觸發器' },
  Input: { en: 'Input', 'zh-TW': '輸入' },
  concurrency: { en: '`concurrency`', 'zh-TW': '`concurrency` ' },
  retry: { en: '`retry`', 'zh-TW': '`retry` ' },
  'plugin-default': { en: 'a plugin default', 'zh-TW': 'pluginDefaults 項目' },
  label: { en: 'a label', 'zh-TW': '標籤' },
  value: { en: 'value', 'zh-TW': '值' },
  second: { en: 'second', 'zh-TW': '秒' },
  minute: { en: 'minute', 'zh-TW': '分鐘' },
  hour: { en: 'hour', 'zh-TW': '小時' },
  'day-of-month': { en: 'day-of-month', 'zh-TW': '日期' },
  month: { en: 'month', 'zh-TW': '月份' },
  'day-of-week': { en: 'day-of-week', 'zh-TW': '星期' },
  property: { en: 'property', 'zh-TW': '屬性' },
  'task-type': { en: 'task type', 'zh-TW': '任務型別' },
  'trigger-type': { en: 'trigger type', 'zh-TW': '觸發器型別' },
  'condition-type': { en: 'condition type', 'zh-TW': '條件型別' },
  'stderr-no-warning': {
    en: 'writing to stderr no longer ends a script task in WARNING (this playground still does, as Kestra 0.20 did)',
    'zh-TW': '寫到 stderr 不再讓腳本任務以 WARNING 結束（這個練習環境仍照 Kestra 0.20 的做法）',
  },
};

const TRANSLATED_PARAMS = new Set(['expected', 'owner', 'what', 'note']);

/** Plain explanations of the `yaml` library's error codes. */
export const YAML_EXPLANATIONS: Record<string, Bilingual> = {
  BAD_INDENT: {
    en: 'the indentation is wrong here; items of the same map or list must start at the same column',
    'zh-TW': '這裡的縮排不對；同一個對應或清單裡的項目必須從同一欄開始',
  },
  TAB_AS_INDENT: {
    en: 'tabs are not allowed for indentation in YAML; indent with spaces',
    'zh-TW': 'YAML 不允許用 Tab 縮排，請改用空白',
  },
  DUPLICATE_KEY: {
    en: 'this key appears twice in the same map; each key may appear only once',
    'zh-TW': '同一個對應裡這個鍵出現了兩次；每個鍵只能出現一次',
  },
  MISSING_CHAR: {
    en: 'a closing character is missing (a quote, `]` or `}`)',
    'zh-TW': '少了結尾的字元（引號、`]` 或 `}`）',
  },
  UNCLOSED_QUOTE: {
    en: 'the quote that opens here is never closed; add the matching quote at the end of the value',
    'zh-TW': '從這裡開始的引號沒有結束；請在值的結尾補上對應的引號',
  },
  UNCLOSED_BRACKET: {
    en: 'the bracket that opens here is never closed; add the matching `]` or `}`',
    'zh-TW': '從這裡開始的括號沒有結束；請補上對應的 `]` 或 `}`',
  },
  BLOCK_AS_IMPLICIT_KEY: {
    en: 'a `key: value` cannot start on the same line as another key; check the indentation, or quote a value that contains `: `',
    'zh-TW': '`key: value` 不能和另一個鍵寫在同一行；請檢查縮排，或把含有 `: ` 的值加上引號',
  },
  MULTILINE_IMPLICIT_KEY: {
    en: 'a key must fit on one line; the line after it is probably indented too much or too little',
    'zh-TW': '鍵必須寫在同一行；下一行的縮排可能太多或太少',
  },
  UNEXPECTED_TOKEN: {
    en: 'unexpected character here',
    'zh-TW': '這裡出現了不該出現的字元',
  },
  BAD_SCALAR_START: {
    en: 'a plain value cannot start with this character; put the value in quotes',
    'zh-TW': '沒加引號的值不能以這個字元開頭；請把值加上引號',
  },
  BLOCK_IN_FLOW: {
    en: 'a block (indented) value cannot be used inside `[ ]` or `{ }`',
    'zh-TW': '`[ ]` 或 `{ }` 裡面不能放縮排區塊',
  },
  MULTIPLE_DOCS: {
    en: 'a flow must be a single YAML document; remove the `---` separator',
    'zh-TW': '一個流程只能是單一 YAML 文件；請移除 `---` 分隔線',
  },
  BAD_DQ_ESCAPE: {
    en: 'invalid escape sequence in a double-quoted string; use single quotes or escape the backslash as `\\\\`',
    'zh-TW': '雙引號字串裡的跳脫序列不合法；請改用單引號，或把反斜線寫成 `\\\\`',
  },
  BAD_ALIAS: { en: 'invalid alias (`*name`)', 'zh-TW': '別名（`*name`）不合法' },
  ALIAS_PROPS: { en: 'an alias cannot have a tag or an anchor', 'zh-TW': '別名不能有標記或錨點' },
  BAD_DIRECTIVE: { en: 'invalid `%` directive', 'zh-TW': '`%` 指令不合法' },
  BAD_PROP_ORDER: { en: 'anchors and tags must come before the value', 'zh-TW': '錨點與標記必須寫在值的前面' },
  KEY_OVER_1024_CHARS: { en: 'a key is longer than 1024 characters', 'zh-TW': '鍵超過 1024 個字元' },
  MULTIPLE_ANCHORS: { en: 'a value can have only one anchor', 'zh-TW': '一個值只能有一個錨點' },
  MULTIPLE_TAGS: { en: 'a value can have only one tag', 'zh-TW': '一個值只能有一個標記' },
  NON_STRING_KEY: { en: 'keys must be plain strings', 'zh-TW': '鍵必須是一般字串' },
  TAG_RESOLVE_FAILED: { en: 'unknown or invalid tag (`!tag`)', 'zh-TW': '未知或不合法的標記（`!tag`）' },
  BAD_COLLECTION_TYPE: { en: 'this tag does not fit this kind of value', 'zh-TW': '這個標記不適用於這種值' },
  RESOURCE_EXHAUSTION: { en: 'too many aliases; the document expands too much', 'zh-TW': '別名太多，文件展開後過大' },
  IMPOSSIBLE: { en: 'the YAML parser could not read this', 'zh-TW': 'YAML 解析器無法讀取這裡' },
};

function fill(template: string, params: Record<string, string>, locale: Locale): string {
  const value = (name: string): string | undefined => {
    const v = params[name];
    if (v === undefined || v === '') return undefined;
    if (TRANSLATED_PARAMS.has(name)) return WORDS[v]?.[locale] ?? v;
    return v;
  };
  const withOptional = template.replace(/«([^»]*)»/g, (_, inner: string) => {
    const names = [...inner.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    return names.every((n) => value(n) !== undefined) ? inner : '';
  });
  // a parameter given empty (an empty key: `"": x`) is written empty; one not given at all stays visible
  return withOptional.replace(/\{(\w+)\}/g, (whole, name: string) => value(name) ?? (name in params ? '' : whole));
}

/** The message of one error code in a language. */
export function formatMessage(code: string, params: Record<string, string>, locale: Locale = 'en'): string {
  const p = { ...params };
  if (code === 'yaml') {
    const known = YAML_EXPLANATIONS[p.yamlCode ?? ''];
    p.explanation = known ? known[locale] : (p.detail ?? p.yamlCode ?? '');
  }
  const entry = FLOW_MESSAGES[code];
  if (!entry) return params.message ?? code;
  return fill(entry[locale], p, locale);
}

/** Translates an error the engine produced (its `message` is English). */
export function formatFlowError(error: { code: string; params?: Record<string, string>; message: string }, locale: Locale | 'zh-tw' = 'en'): string {
  const loc: Locale = locale === 'en' ? 'en' : 'zh-TW';
  if (!error.params || !FLOW_MESSAGES[error.code]) return error.message;
  return formatMessage(error.code, error.params, loc);
}
