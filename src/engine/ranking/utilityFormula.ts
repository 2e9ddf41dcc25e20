/**
 * The student's utility formula of Lab 4: a small arithmetic language over the
 * three predictions of the ranking models, for example
 *
 *   watch * 10 + pCTR * pCVR * 50
 *
 * Grammar (recursive descent, usual precedence, left-associative), in which
 * the typographic − × ÷ count as - * /:
 *
 *   sum     = product (("+" | "-") product)*
 *   product = unary (("*" | "/") unary)*
 *   unary   = ("+" | "-") unary | primary
 *   primary = number | variable | "(" sum ")"
 *
 * Variables are `pCTR` (predicted click probability), `pCVR` (predicted
 * conversion probability given a click) and `watch` (predicted expected watch
 * fraction). Numbers are decimals with an optional exponent (`1e-3`). There
 * are no function calls, assignments or other names, so evaluating a formula
 * can only do arithmetic on these values.
 */

/** Names a formula may use. */
export const FORMULA_VARIABLES = ['pCTR', 'pCVR', 'watch'] as const;

export type FormulaVariable = (typeof FORMULA_VARIABLES)[number];

/** Values of the variables for one candidate. A variable left out is unavailable (its model was not trained). */
export type FormulaInputs = Partial<Record<FormulaVariable, number>>;

export const DEFAULT_UTILITY_FORMULA = 'watch * 10 + pCTR * pCVR * 50';

/** Maximum formula length in characters, because the formula is kept in the page's URL. */
export const MAX_FORMULA_LENGTH = 200;

/** A node of the parsed formula; `start` and `end` index its text in the source, [start, end). */
export type FormulaNode =
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'variable'; name: FormulaVariable; start: number; end: number }
  | { type: 'negate'; operand: FormulaNode; start: number; end: number }
  | { type: 'binary'; operator: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode; start: number; end: number };

/** One top-level term of the sum that a formula is: `sign · value(node)`. */
export interface FormulaTerm {
  sign: 1 | -1;
  node: FormulaNode;
  /** The term's text in the formula, without its sign. */
  text: string;
}

export interface UtilityFormula {
  source: string;
  root: FormulaNode;
  /** Top-level terms; their signed values add up to the formula's value. */
  terms: FormulaTerm[];
  /** Variables the formula uses, in order of first use. */
  variables: FormulaVariable[];
}

/** A formula that cannot be parsed: `position` is the 0-based index in the text where the problem is. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'variable'; name: FormulaVariable; start: number; end: number }
  | { kind: 'operator'; text: '+' | '-' | '*' | '/' | '(' | ')'; start: number; end: number }
  | { kind: 'end'; start: number; end: number };

const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = '+-*/()';

/** Typographic operators read as their ASCII forms: − (U+2212 minus), × (multiplication) and ÷ (division), as pasted from text. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = { '\u2212': '-', '×': '*', '÷': '/' };

/** "column 5" for position 4: people count columns from 1. */
function column(position: number): string {
  return `column ${position + 1}`;
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the formula';
    case 'number':
      return `the number ${token.value}`;
    case 'variable':
      return `"${token.name}"`;
    case 'operator':
      return `"${token.text}"`;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < source.length) {
    const rest = source.slice(position);
    const character = source[position];

    if (/\s/.test(character)) {
      position += 1;
      continue;
    }

    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), start: position, end: position + number[0].length });
      position += number[0].length;
      continue;
    }

    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'variable', name: checkVariable(name[0], position), start: position, end: position + name[0].length });
      position += name[0].length;
      continue;
    }

    const operator = OPERATOR_ALIASES[character] ?? character;
    if (OPERATORS.includes(operator)) {
      tokens.push({ kind: 'operator', text: operator as '+', start: position, end: position + 1 });
      position += 1;
      continue;
    }

    let hint = '';
    if (character === '^') {
      hint = ' There is no power operator: write x * x.';
    }
    throw new FormulaError(`Invalid character "${character}" at ${column(position)}: use numbers, ${FORMULA_VARIABLES.join(', ')}, + - * / and parentheses.${hint}`, position);
  }
  tokens.push({ kind: 'end', start: source.length, end: source.length });
  return tokens;
}

function checkVariable(name: string, position: number): FormulaVariable {
  const exact = FORMULA_VARIABLES.find((variable) => variable === name);
  if (exact) {
    return exact;
  }
  const caseInsensitive = FORMULA_VARIABLES.find((variable) => variable.toLowerCase() === name.toLowerCase());
  const suggestion = caseInsensitive ? ` Did you mean "${caseInsensitive}"? Names are case-sensitive.` : ` Use one of ${FORMULA_VARIABLES.join(', ')}.`;
  throw new FormulaError(`Unknown name "${name}" at ${column(position)}.${suggestion}`, position);
}

/** Recursive-descent parser over the token list; one instance per formula. */
class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseFormula(): FormulaNode {
    const root = this.parseSum();
    const next = this.peek();
    if (next.kind !== 'end') {
      const fix = next.kind === 'operator' && next.text === ')' ? 'remove it or add a matching "(" before it' : 'join it to the formula with an operator such as + or *';
      throw new FormulaError(`Unexpected ${describeToken(next)} at ${column(next.start)}: ${fix}.`, next.start);
    }
    return root;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private takeOperator(...texts: string[]): Extract<Token, { kind: 'operator' }> | undefined {
    const token = this.peek();
    if (token.kind === 'operator' && texts.includes(token.text)) {
      this.index += 1;
      return token;
    }
    return undefined;
  }

  private parseSum(): FormulaNode {
    let left = this.parseProduct();
    for (let operator = this.takeOperator('+', '-'); operator; operator = this.takeOperator('+', '-')) {
      const right = this.parseProduct();
      left = { type: 'binary', operator: operator.text as '+' | '-', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseProduct(): FormulaNode {
    let left = this.parseUnary();
    for (let operator = this.takeOperator('*', '/'); operator; operator = this.takeOperator('*', '/')) {
      const right = this.parseUnary();
      left = { type: 'binary', operator: operator.text as '*' | '/', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): FormulaNode {
    const sign = this.takeOperator('+', '-');
    if (!sign) {
      return this.parsePrimary();
    }
    const operand = this.parseUnary();
    return sign.text === '-' ? { type: 'negate', operand, start: sign.start, end: operand.end } : operand;
  }

  private parsePrimary(): FormulaNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.index += 1;
      return { type: 'number', value: token.value, start: token.start, end: token.end };
    }
    if (token.kind === 'variable') {
      this.index += 1;
      return { type: 'variable', name: token.name, start: token.start, end: token.end };
    }

    const open = this.takeOperator('(');
    if (open) {
      const inner = this.parseSum();
      const close = this.takeOperator(')');
      if (!close) {
        const next = this.peek();
        throw new FormulaError(`Missing ")" for the "(" at ${column(open.start)}: found ${describeToken(next)} at ${column(next.start)} instead.`, next.start);
      }
      return { ...inner, start: open.start, end: close.end };
    }

    throw new FormulaError(`Expected a number, a name (${FORMULA_VARIABLES.join(', ')}) or "(" at ${column(token.start)}, found ${describeToken(token)}.`, token.start);
  }
}

/** Splits the root into the top-level terms of its sum, following + and - but not entering parentheses or products. */
function splitTerms(node: FormulaNode, sign: 1 | -1, source: string, into: FormulaTerm[]): void {
  // A parenthesised sum has its start on the "(", before its left operand; keep it whole as one term.
  const parenthesised = node.type === 'binary' && node.start !== node.left.start;
  if (node.type === 'binary' && (node.operator === '+' || node.operator === '-') && !parenthesised) {
    splitTerms(node.left, sign, source, into);
    splitTerms(node.right, node.operator === '+' ? sign : ((-sign) as 1 | -1), source, into);
    return;
  }
  into.push({ sign, node, text: source.slice(node.start, node.end) });
}

function collectVariables(node: FormulaNode, into: FormulaVariable[]): void {
  switch (node.type) {
    case 'variable':
      if (!into.includes(node.name)) {
        into.push(node.name);
      }
      return;
    case 'negate':
      collectVariables(node.operand, into);
      return;
    case 'binary':
      collectVariables(node.left, into);
      collectVariables(node.right, into);
      return;
    case 'number':
      return;
  }
}

/**
 * Parses a utility formula.
 *
 * @throws FormulaError naming the column (counted from 1) and the fix, for
 *   empty or too long text, an unknown name, a stray or missing parenthesis,
 *   or a missing operand.
 */
export function parseUtilityFormula(source: string): UtilityFormula {
  if (source.trim() === '') {
    throw new FormulaError(`The formula is empty: write one such as ${DEFAULT_UTILITY_FORMULA}.`, 0);
  }
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(`The formula has ${source.length} characters; shorten it to at most ${MAX_FORMULA_LENGTH}.`, MAX_FORMULA_LENGTH);
  }

  const root = new Parser(tokenize(source)).parseFormula();
  const terms: FormulaTerm[] = [];
  splitTerms(root, 1, source, terms);
  const variables: FormulaVariable[] = [];
  collectVariables(root, variables);
  return { source, root, terms, variables };
}

/** Returns the parsed formula, or the error that {@link parseUtilityFormula} would throw. */
export function tryParseUtilityFormula(source: string): { formula: UtilityFormula; error?: undefined } | { formula?: undefined; error: FormulaError } {
  try {
    return { formula: parseUtilityFormula(source) };
  } catch (error) {
    if (error instanceof FormulaError) {
      return { error };
    }
    throw error;
  }
}

/**
 * Evaluates a node with IEEE arithmetic: a division by zero gives ±Infinity
 * or NaN, which the caller shows as such.
 *
 * @throws Error naming the variable when `inputs` lacks one the formula uses.
 */
export function evaluateNode(node: FormulaNode, inputs: FormulaInputs): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'variable': {
      const value = inputs[node.name];
      if (value === undefined) {
        throw new Error(`The formula uses ${node.name}, but no model predicts it here: train the ${describeVariableTask(node.name)} task or remove ${node.name} from the formula.`);
      }
      return value;
    }
    case 'negate':
      return -evaluateNode(node.operand, inputs);
    case 'binary': {
      const left = evaluateNode(node.left, inputs);
      const right = evaluateNode(node.right, inputs);
      switch (node.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
      }
    }
  }
}

function describeVariableTask(name: FormulaVariable): string {
  switch (name) {
    case 'pCTR':
      return 'click';
    case 'pCVR':
      return 'conversion';
    case 'watch':
      return 'watch';
  }
}

/** Evaluates the formula for one candidate. */
export function evaluateUtility(formula: UtilityFormula, inputs: FormulaInputs): number {
  return evaluateNode(formula.root, inputs);
}

/**
 * Evaluates the formula split into its top-level terms, [terms]: each entry is
 * `sign · value(term)`, and the entries add up to {@link evaluateUtility}
 * (up to floating-point rounding). The waterfall chart draws these.
 */
export function evaluateTerms(formula: UtilityFormula, inputs: FormulaInputs): { text: string; value: number }[] {
  return formula.terms.map((term) => ({ text: term.sign === 1 ? term.text : `− ${term.text}`, value: term.sign * evaluateNode(term.node, inputs) }));
}
