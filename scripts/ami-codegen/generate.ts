// Typed AMI events and actions from Asterisk's documentation XML (the
// core-en_US.xml that Asterisk builds from its sources). It expands
// <channel_snapshot/> and <bridge_snapshot/> with their prefixes the way
// Asterisk's doc/appdocsxml.xslt does, resolves the xi:include references
// between events and actions, and adds what the XML leaves out (the repeated
// ChanVariable of every channel snapshot, Tenantid, events that app_queue and
// the manager write undocumented). Only names, fields and enumeration values
// are taken from the XML.
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
interface Element {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Element[];
}

function toElements(nodes: unknown): Element[] {
  if (!Array.isArray(nodes)) return [];
  const out: Element[] = [];
  for (const node of nodes as Node[]) {
    const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (tag === undefined) continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    out.push({ tag, attrs, children: toElements(node[tag]) });
  }
  return out;
}

export interface Generated {
  readonly events: string;
  readonly actions: string;
  readonly eventCount: number;
  readonly actionCount: number;
}

/** The TypeScript of the typed events and actions, from the text of Asterisk's documentation XML. */
export function generate(xml: string): Generated {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: true,
  });
  const docs = toElements(parser.parse(xml)).find((e) => e.tag === 'docs');
  if (!docs) throw new Error('no <docs> element');

  const child = (e: Element, tag: string): Element | undefined =>
    e.children.find((c) => c.tag === tag);
  const children = (e: Element, tag: string): Element[] => e.children.filter((c) => c.tag === tag);

  interface Param {
    readonly name: string;
    readonly required: boolean;
    readonly list: boolean;
    readonly enums: readonly string[];
  }

  const eventElements = new Map<string, Element[]>();
  for (const e of children(docs, 'managerEvent')) {
    const name = e.attrs.name ?? '';
    eventElements.set(name, [...(eventElements.get(name) ?? []), e]);
  }
  const actionElements = new Map<string, Element>();
  for (const m of children(docs, 'manager')) actionElements.set(m.attrs.name ?? '', m);

  const CHANNEL_SNAPSHOT = [
    'Channel',
    'ChannelState',
    'ChannelStateDesc',
    'CallerIDNum',
    'CallerIDName',
    'ConnectedLineNum',
    'ConnectedLineName',
    'Language',
    'AccountCode',
    'Context',
    'Exten',
    'Priority',
    'Uniqueid',
    'Linkedid',
  ] as const;
  const CHANNEL_STATES = [
    'Down',
    'Rsrvd',
    'OffHook',
    'Dialing',
    'Ring',
    'Ringing',
    'Up',
    'Busy',
    'Dialing Offhook',
    'Pre-ring',
    'Unknown',
  ];
  const BRIDGE_SNAPSHOT = [
    'BridgeUniqueid',
    'BridgeType',
    'BridgeTechnology',
    'BridgeCreator',
    'BridgeName',
    'BridgeNumChannels',
    'BridgeVideoSourceMode',
    'BridgeVideoSource',
  ] as const;

  function channelSnapshot(prefix: string): Param[] {
    const params: Param[] = CHANNEL_SNAPSHOT.map((f) => ({
      name: prefix + f,
      required: false,
      list: false,
      enums: f === 'ChannelStateDesc' ? CHANNEL_STATES : [],
    }));
    // Not in the XML: written by ast_manager_build_channel_state_string_prefix.
    params.push({ name: `${prefix}Tenantid`, required: false, list: false, enums: [] });
    params.push({ name: `${prefix}ChanVariable`, required: false, list: true, enums: [] });
    return params;
  }

  function bridgeSnapshot(prefix: string): Param[] {
    return BRIDGE_SNAPSHOT.map((f) => ({
      name: prefix + f,
      required: false,
      list: false,
      enums: f === 'BridgeVideoSourceMode' ? ['none', 'talker', 'single'] : [],
    }));
  }

  function param(e: Element): Param {
    const enums = (child(e, 'enumlist')?.children ?? [])
      .filter((c) => c.tag === 'enum')
      .map((c) => c.attrs.name ?? '')
      .filter((n) => n !== '');
    return {
      name: e.attrs.name ?? '',
      required: e.attrs.required === 'true' || e.attrs.required === 'yes',
      list: e.attrs.multiple === 'true',
      enums,
    };
  }

  const quoted = (s: string): string => s.replace(/'/g, '');

  /** Resolves the xi:include forms that occur inside <syntax> elements. */
  function include(xpointer: string, seen: ReadonlySet<string>): Param[] {
    const ev =
      /managerEvent\[@name='([^']+)'\]\/managerEventInstance\/syntax\/parameter(?:\[(@name='([^']+)'|contains\(@name, *'([^']+)'\))\])?\)$/.exec(
        xpointer,
      );
    if (ev) {
      const [, event = '', , exact, part] = ev;
      const all = (eventElements.get(event) ?? []).flatMap((e) =>
        children(e, 'managerEventInstance').flatMap((i) => syntaxParams(child(i, 'syntax'), seen)),
      );
      return all.filter((p) =>
        exact !== undefined ? p.name === exact : part !== undefined ? p.name.includes(part) : true,
      );
    }
    const act = /\/docs\/manager\[@name='([^']+)'\]\/syntax\/parameter\[@name='([^']+)'\]\)$/.exec(
      xpointer,
    );
    if (act) {
      const [, action = '', name] = act;
      return syntaxParams(child(actionElements.get(action) ?? docs!, 'syntax'), seen).filter(
        (p) => p.name === name,
      );
    }
    return [];
  }

  function syntaxParams(
    syntax: Element | undefined,
    seen: ReadonlySet<string> = new Set(),
  ): Param[] {
    if (!syntax) return [];
    const out: Param[] = [];
    for (const c of syntax.children) {
      if (c.tag === 'parameter') out.push(param(c));
      else if (c.tag === 'channel_snapshot') out.push(...channelSnapshot(c.attrs.prefix ?? ''));
      else if (c.tag === 'bridge_snapshot') out.push(...bridgeSnapshot(c.attrs.prefix ?? ''));
      else if (c.tag === 'xi:include') {
        const x = c.attrs.xpointer ?? '';
        if (!seen.has(x)) out.push(...include(x, new Set([...seen, x])));
      }
    }
    return out;
  }

  function merge(params: readonly Param[]): Param[] {
    const byName = new Map<string, Param>();
    for (const p of params) {
      const prev = byName.get(p.name);
      byName.set(
        p.name,
        prev
          ? {
              name: p.name,
              required: prev.required && p.required,
              list: prev.list || p.list,
              enums: [...new Set([...prev.enums, ...p.enums])],
            }
          : p,
      );
    }
    return [...byName.values()].filter((p) => /^[A-Za-z0-9][\w-]*$/.test(p.name));
  }

  const propName = (name: string): string => (/^[A-Za-z_]\w*$/.test(name) ? name : `'${name}'`);
  const typeName = (name: string): string =>
    name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());

  function fieldType(p: Param): string {
    if (p.list) return 'readonly string[]';
    if (p.enums.length === 0) return 'string';
    return `${p.enums.map((e) => `'${quoted(e)}'`).join(' | ')} | (string & {})`;
  }

  // ---- patches -----------------------------------------------------------------
  // Events and fields that Asterisk 20 writes but its XML does not document,
  // read from the C sources that write them (apps/app_queue.c, main/manager*.c,
  // main/extension_state.c, main/stasis_bridges.c, main/manager_channels.c).
  const plain = (...names: string[]): Param[] =>
    names.map((name) => ({ name, required: false, list: false, enums: [] }));
  const LIST_COMPLETE = plain('EventList', 'ListItems');
  const PATCHES: Readonly<Record<string, () => Param[]>> = {
    QueueParams: () =>
      plain('Queue', 'ServiceLevel', 'ServicelevelPerf', 'ServicelevelPerf2', 'Weight'),
    QueueMember: () =>
      plain(
        'Queue',
        'Name',
        'Location',
        'StateInterface',
        'Membership',
        'Penalty',
        'CallsTaken',
        'LastCall',
        'LastPause',
        'LoginTime',
        'InCall',
        'Status',
        'Paused',
        'PausedReason',
        'Wrapuptime',
      ),
    QueueStatusComplete: () => LIST_COMPLETE,
    QueueSummary: () =>
      plain('Queue', 'LoggedIn', 'Available', 'Callers', 'HoldTime', 'TalkTime', 'LongestHoldTime'),
    QueueSummaryComplete: () => LIST_COMPLETE,
    DeviceStateListComplete: () => LIST_COMPLETE,
    ExtensionStatus: () => plain('Exten', 'Context', 'Hint', 'Status', 'StatusText'),
    ExtensionStateListComplete: () => LIST_COMPLETE,
    BridgeListItem: () => bridgeSnapshot(''),
    BridgeListComplete: () => LIST_COMPLETE,
    CoreShowChannelsComplete: () => LIST_COMPLETE,
    Newexten: () => [...channelSnapshot(''), ...plain('Extension', 'Application', 'AppData')],
    BlindTransfer: () => plain('IsExternal'),
    AttendedTransfer: () => plain('IsExternal'),
    RTCPSent: () => plain('From', 'To', 'MES'),
    RTCPReceived: () => plain('From', 'To', 'MES'),
  };

  // ---- events ----------------------------------------------------------------
  const HEADER = ['Event', 'Privilege', 'Timestamp', 'SystemName', 'ActionID'];
  const eventNames = [...new Set([...eventElements.keys(), ...Object.keys(PATCHES)])].sort();
  const events = eventNames.map((name) => {
    const params = (eventElements.get(name) ?? []).flatMap((e) =>
      children(e, 'managerEventInstance').flatMap((i) => syntaxParams(child(i, 'syntax'))),
    );
    params.push(...(PATCHES[name]?.() ?? []));
    return { name, params: merge(params).filter((p) => !HEADER.includes(p.name)) };
  });

  const banner = `// Generated by scripts/gen-ami-types.ts from Asterisk's documentation XML.
// Do not edit: run \`npm run gen:ami\`.
`;

  let ev = banner;
  ev += `
/** Fields that every event may carry. */
export interface AmiEventHeader {
  readonly Privilege?: string;
  /** \`seconds.microseconds\` when manager.conf has timestampevents=yes. */
  readonly Timestamp?: string;
  /** manager's systemname, when set in asterisk.conf. */
  readonly SystemName?: string;
  /** Present on events that answer an action (event lists). */
  readonly ActionID?: string;
}
`;
  for (const e of events) {
    ev += `\nexport interface ${typeName(e.name)}Event extends AmiEventHeader {\n  readonly Event: '${e.name}';\n`;
    for (const p of e.params) ev += `  readonly ${propName(p.name)}?: ${fieldType(p)};\n`;
    ev += '}\n';
  }
  ev += `\n/** Every event Asterisk 20 documents, discriminated by \`Event\`. */\nexport type AmiEvent =\n${events
    .map((e) => `  | ${typeName(e.name)}Event`)
    .join('\n')};\n`;
  ev += `\nexport type AmiEventName = AmiEvent['Event'];\n`;
  ev += `\n/** Event names, and the fields of each that repeat (read as arrays). */\nexport const AMI_EVENT_LISTS = {\n${events
    .map(
      (e) =>
        `  ${propName(e.name)}: [${e.params
          .filter((p) => p.list)
          .map((p) => `'${p.name}'`)
          .join(', ')}],`,
    )
    .join('\n')}\n} as const satisfies Record<AmiEventName, readonly string[]>;\n`;

  // ---- actions ---------------------------------------------------------------
  const actions = [...actionElements.keys()].sort().map((name) => {
    const params = merge(syntaxParams(child(actionElements.get(name)!, 'syntax'))).filter(
      (p) => p.name !== 'ActionID' && p.name !== 'Action',
    );
    return { name, params };
  });
  let ac = banner;
  ac += `
/** Fields every action may carry. */
export interface AmiActionHeader {
  /** Set by the client when absent; echoed in the response. */
  readonly ActionID?: string;
}
`;
  for (const a of actions) {
    ac += `\nexport interface ${typeName(a.name)}Action extends AmiActionHeader {\n  readonly Action: '${a.name}';\n`;
    for (const p of a.params) {
      const list = p.list || p.name === 'Variable';
      const t = list ? 'string | readonly string[]' : fieldType(p);
      ac += `  readonly ${propName(p.name)}${p.required ? '' : '?'}: ${t};\n`;
    }
    ac += '}\n';
  }
  ac += `\n/** Every action Asterisk 20 documents, discriminated by \`Action\`. */\nexport type AmiAction =\n${actions
    .map((a) => `  | ${typeName(a.name)}Action`)
    .join('\n')};\n`;
  ac += `\nexport type AmiActionName = AmiAction['Action'];\n`;
  ac += `\n/** Every documented action name. */\nexport const AMI_ACTION_NAMES = [\n${actions
    .map((a) => `  '${a.name}',`)
    .join('\n')}\n] as const satisfies readonly AmiActionName[];\n`;

  return { events: ev, actions: ac, eventCount: events.length, actionCount: actions.length };
}
