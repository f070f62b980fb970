/**
 * What a resource declares: its input rules, which inputs force replacement, and the cloud calls
 * for create, read, update and delete. The generic lifecycle (lifecycle.ts) turns a spec into a
 * Pulumi dynamic provider that keeps the resource contract; a spec contains no engine logic.
 */
import type { z } from "zod";
import type { SettingName } from "../config";
import type { HandlerContext } from "./context";

export type Props = Record<string, unknown>;

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export interface AutoName {
  /** The input that receives `<logical name>-<7 hex>` when omitted. */
  readonly property: string;
  /** The cloud's length limit; the logical-name part is shortened to fit. */
  readonly maxLength: number;
  /** What `maxLength` counts: characters (default) or UTF-8 bytes (subnet names). */
  readonly lengthUnit?: "characters" | "bytes";
  /** Characters the cloud forbids are replaced by this one ('-' unless the cloud forbids it). */
  readonly separator?: string;
  /** Lower-case the whole name (bucket names). */
  readonly lowercase?: boolean;
  /** The first character must be a letter: prefix one when the logical name starts otherwise. */
  readonly mustStartWithLetter?: boolean;
  /**
   * The characters the cloud allows, as a regular-expression character-class body (default: letters,
   * digits, Chinese characters, '_' and '-'). When given, leading separators are dropped too.
   */
  readonly allowedCharacters?: string;
}

export interface Timeouts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
}

/** The inputs a spec's zod object parses to. */
type In<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

export interface ResourceSpec<S extends z.ZodRawShape = z.ZodRawShape, Out extends object = Props> {
  /** The class name and type-token suffix, e.g. `Vpc` (token `pulumi-nodejs:dynamic/ctyun:Vpc`). */
  readonly type: string;
  /** Per-input rules. Defaults live here (`.default(...)`); no transforms, no object refinements. */
  readonly inputs: z.ZodObject<S>;
  /**
   * Every output the cloud computes (the inputs are outputs too), each `true`: the compiler holds
   * this list to `Out` exactly, and the public class seeds its outputs from it.
   */
  readonly outputs: { readonly [K in keyof Out]-?: true };
  /** Inputs whose change forces replacement (the spec's ForceNew column). */
  readonly createOnly: ReadonlyArray<keyof S & string>;
  /** Inputs filled from the stack settings when omitted, e.g. `{ regionId: "regionId" }`. */
  readonly settingDefaults?: Partial<Record<keyof S & string, SettingName>>;
  readonly autoName?: AutoName;
  /** Array inputs compared as sets (order carries no meaning for the cloud). */
  readonly unorderedInputs?: ReadonlyArray<keyof S & string>;
  /** Inputs never echoed anywhere (check failures say only what rule failed) and never journaled. */
  readonly secretInputs?: ReadonlyArray<keyof S & string>;
  /**
   * Rules across inputs. `known(k)` is false for inputs still unknown during preview: skip them.
   * `olds` are the previous inputs (`{}` for a new resource), for rules about changes (grow-only sizes).
   */
  crossCheck?(
    inputs: Partial<In<S>>,
    known: (key: keyof S & string) => boolean,
    olds: Props,
    /** True when the program set the input at all (even to an invalid or still-unknown value). */
    given: (key: keyof S & string) => boolean,
  ): CheckFailure[];
  /**
   * Defaults that depend on other inputs (e.g. a CIDR per IP family). Applied after the per-input
   * rules to inputs left unset; `known(k)` is false for inputs unknown during preview or invalid.
   */
  defaults?(inputs: Partial<In<S>>, known: (key: keyof S & string) => boolean): Partial<In<S>>;
  /** True when the replacement would collide with the old resource (a unique name, a CIDR). */
  deleteBeforeReplace?(olds: Props, news: In<S>, replaces: readonly string[]): boolean;
  /** Service error codes meaning "this resource does not exist": read → gone, delete → done. */
  readonly notFoundCodes: readonly string[];
  /** Default timeouts in milliseconds, overridable per resource with `timeouts`. */
  readonly timeouts: Timeouts;
  /** The cloud id kept in state (`vpcId`, …): adoption reads it, and outputs always carry it. */
  readonly idOutput: keyof Out & string;

  create(ctx: HandlerContext, inputs: In<S>): Promise<{ id: string; outputs: Out }>;
  /** Undefined when the resource is gone. `inputs` are the cloud's current values of the inputs. */
  read(ctx: HandlerContext, id: string, state: Props): Promise<{ inputs: Partial<In<S>>; outputs: Out } | undefined>;
  /**
   * Applies `news` in place and returns the outputs. Also called with `changed` empty when the
   * engine resumes a partially created resource, or adopts one: finish what is missing.
   */
  update(ctx: HandlerContext, id: string, olds: Props, news: In<S>, changed: readonly string[]): Promise<Out>;
  delete(ctx: HandlerContext, id: string, state: Props): Promise<void>;
}

/**
 * A spec as the generic lifecycle sees it: inputs and outputs as property bags. Every spec is
 * erased once, where it is defined (`defineResource`); nothing else casts.
 */
export interface AnyResourceSpec {
  readonly type: string;
  readonly inputs: z.ZodObject<z.ZodRawShape>;
  readonly outputs: Readonly<Record<string, true>>;
  readonly createOnly: readonly string[];
  readonly settingDefaults?: Readonly<Record<string, SettingName | undefined>>;
  readonly autoName?: AutoName;
  readonly unorderedInputs?: readonly string[];
  readonly secretInputs?: readonly string[];
  crossCheck?(inputs: Props, known: (key: string) => boolean, olds: Props, given: (key: string) => boolean): CheckFailure[];
  defaults?(inputs: Props, known: (key: string) => boolean): Props;
  deleteBeforeReplace?(olds: Props, news: Props, replaces: readonly string[]): boolean;
  readonly notFoundCodes: readonly string[];
  readonly timeouts: Timeouts;
  readonly idOutput: string;
  create(ctx: HandlerContext, inputs: Props): Promise<{ id: string; outputs: Props }>;
  read(ctx: HandlerContext, id: string, state: Props): Promise<{ inputs: Props; outputs: Props } | undefined>;
  update(ctx: HandlerContext, id: string, olds: Props, news: Props, changed: readonly string[]): Promise<Props>;
  delete(ctx: HandlerContext, id: string, state: Props): Promise<void>;
}

/** A typed spec, with its erased view for the lifecycle (`erased`). */
export type DefinedSpec<S extends z.ZodRawShape, Out extends object> = ResourceSpec<S, Out> & { readonly erased: AnyResourceSpec };

/**
 * Declares a resource. The lifecycle validates inputs with `spec.inputs` before calling the spec,
 * so handing it property bags is sound: this is the one place the types are erased.
 */
export function defineResource<S extends z.ZodRawShape, Out extends object>(spec: ResourceSpec<S, Out>): DefinedSpec<S, Out> {
  return { ...spec, erased: spec as unknown as AnyResourceSpec };
}

/** The inputs a spec's class takes (before defaults), and the outputs it declares. */
export type SpecInputs<T> = T extends ResourceSpec<infer S, infer _Out> ? z.input<z.ZodObject<S>> : never;
export type SpecOutputs<T> = T extends ResourceSpec<infer _S, infer Out> ? Out : never;
