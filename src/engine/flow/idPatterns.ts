/** Tasks and triggers (Task.java / AbstractTrigger.java). */
export const ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
/** Flow ids may also contain dots (AbstractFlow.java). */
export const FLOW_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
/** Namespaces: lowercase, dot-separated (AbstractFlow.java). */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** Input ids may contain dots; `a.b` becomes `inputs.a.b` (Input.java). */
export const INPUT_ID_PATTERN = /^[a-zA-Z0-9][.a-zA-Z0-9_-]*$/;

export const ID_MAX_LENGTH = { flow: 100, namespace: 150, task: 256 } as const;
