"""Round 0 on generated logic problems: how often the embedded SmolLM2-135M-Instruct writes a logic program that
parses, passes the guard and answers right, with the few-shot prompt (where self-training has to start from).

Compares, in the same run, the paper-style worked example (envisions.prompts.LOGIC_EXEMPLAR: other predicates
than the question's, a two-variable rule) with worked examples made by the generator at the same level (one per
label, from the train split with a seed no run uses), and sampling temperatures. Problems come from the
validation split: nothing measured here touches a held-out set.

With --lenient the samples are also judged after a forgiving rewrite (singular headers such as `Rule:` read as
`Rules:`, an atom without its truth value read as True): would a looser reading of the format find positives?
With --chat the prompt goes through the model's chat template. With --ours the logic prompt's own worked examples
(envisions.prompts.LOGIC) are tried too; with --constrained every sample is decoded inside its problem's grammar
(LogicEnvironment.grammar: the plain format, the problem's own names, the query's truth value the statement's);
with --free-polarity also inside the same grammar with the query's truth value free. With --negated the logic
prompt is tried with its False example replaced by one whose statement is negated (NEGATED_FALSE).

Usage: python bench/logic_round0.py [--level d0] [--questions 24] [--K 4] [--temperatures 0.5 0.8] [--exemplars 1 3] [--no-paper] [--plain] [--lenient] [--chat]
       [--ours] [--negated] [--constrained] [--free-polarity]  (temperature 0: one greedy sample per problem)
Prints, per prompt and temperature, the share right per sample, pass@K, the statuses, and right answers per
gold label (a model that always says "Unknown" is right on a third); writes bench/results/logic_round0.json."""
import argparse, collections, dataclasses, itertools, json, re, time
from pathlib import Path
from envisions import prompts
from envisions.exploration import explore
from envisions.logic_env import LogicEnvironment, make_logic_problems
from envisions.models import load_model
from envisions.prompts import Exemplar, LOGIC_EXAMPLES

# The logic prompt's worked examples with its False example replaced by one whose statement is negated ("X is not
# A" against the fact "X is A"): the form every False problem of level d0 takes, which the model never answers.
NEGATED_FALSE = (LOGIC_EXAMPLES[0],
                 Exemplar('Dave is cold. The cat chases Dave. If someone is round then they are kind.\n'
                          'Based on the above information, is the following statement true, false, or unknown? Dave is not cold.',
                          'Facts:\nCold(Dave, True)\nChases(Cat, Dave, True)\nRules:\nRound($x, True) >>> Kind($x, True)\n'
                          'Query:\nCold(Dave, False)', 'False'),
                 LOGIC_EXAMPLES[2])

EXEMPLAR_SEED = 999_999  # the generated worked examples' seed: no run or evaluation draws it


def generated_exemplars(level: str, n: int) -> tuple[Exemplar, ...]:
    "n worked examples from the generator at `level`: labels True, False, Unknown in turn."
    return tuple(Exemplar(t.question, t.meta['program'], t.answer) for t in make_logic_problems(n, 'train', EXEMPLAR_SEED, level=level))


def without_declarations(program: str) -> str:
    "A worked example's program without its Predicates section and its ::: glosses (the parser needs neither)."
    out, declaring = [], False
    for line in program.splitlines():
        header = line.strip().rstrip(':')
        if line.strip().endswith(':') and header in ('Predicates', 'Facts', 'Rules', 'Query'): declaring = header == 'Predicates'
        if not declaring: out.append(line.split(':::')[0].rstrip())
    return '\n'.join(out)


_HEADER = re.compile(r'^\s*(predicate|fact|rule|quer(?:y|ies))s?\s*:', re.I)
_ATOM = re.compile(r'^([A-Za-z_]\w*)\s*\((.*)\)$')


def lenient(program: str) -> str:
    "A forgiving rewrite of a program: singular or odd headers made canonical, atoms without a truth value made True."
    def atom(text):
        m = _ATOM.match(text.strip())
        if m and m.group(2).split(',')[-1].strip() not in ('True', 'False'): return f'{m.group(1)}({m.group(2)}, True)'
        return text.strip()
    out = []
    for line in program.splitlines():
        if m := _HEADER.match(line):
            out.append({'predicate': 'Predicates', 'fact': 'Facts', 'rule': 'Rules'}.get(m.group(1).lower(), 'Query') + ':')
            line = line[m.end():]
        core = line.split(':::')[0]
        if core.count('>>>') == 1:
            lhs, rhs = core.split('>>>')
            out.append(' && '.join(map(atom, lhs.split('&&'))) + ' >>> ' + ' && '.join(map(atom, rhs.split('&&'))))
        else: out.append(atom(core))
    return '\n'.join(out)


def measure(model, tok, tasks, env, exemplars, a, temperature, grammar=None):
    ours = asked = prompts.DOMAINS['logic']
    if a.plain:
        exemplars = tuple(dataclasses.replace(e, solution=without_declarations(e.solution)) for e in exemplars)
        asked = dataclasses.replace(ours, instruction=ours.instruction.replace('Predicates, Facts, Rules and Query', 'Facts, Rules and Query'))
    prompts.DOMAINS['logic'] = dataclasses.replace(asked, exemplars=exemplars)
    try:
        t0 = time.perf_counter()
        cands = explore(model, tok, tasks, round=0, K=a.K if temperature > 0 else 1, max_new_tokens=a.max_new_tokens, seed=a.seed,
                        temperature=temperature, progress=False, chat=a.chat, grammar=grammar)
        seconds = time.perf_counter() - t0
    finally: prompts.DOMAINS['logic'] = ours
    fb = env.feedback(tasks, cands)
    gold = {t.id: t.answer for t in tasks}
    by_label = collections.defaultdict(list)
    for c, f in zip(cands, fb): by_label[gold[c.task_id]].append(f.correct)
    solved = {c.task_id for c, f in zip(cands, fb) if f.correct}
    loose = env.check([lenient(c.program) for c in cands], [gold[c.task_id] for c in cands]) if a.lenient else None
    return {'right_per_sample': sum(f.correct for f in fb) / len(fb), 'pass_at_k': len(solved) / len(tasks),
            'right_by_label': {k: sum(v) / len(v) for k, v in sorted(by_label.items())},
            'statuses': dict(collections.Counter(f.status for f in fb)),
            'answers': dict(collections.Counter(f.value for f in fb if f.value is not None)),
            'sampling_s': round(seconds, 1), 'tokens': sum(len(c.token_ids) for c in cands),
            **({'lenient_right_per_sample': sum(f.correct for f in loose) / len(loose),
                'lenient_statuses': dict(collections.Counter(f.status for f in loose))} if loose else {})}


def grammars(env, a):
    "The grammars to decode with: (name, function of a task), 'held' the environment's own, 'free' with the query's truth value free."
    if not a.constrained: return [('-', None)]
    free = lambda task: (g := env.grammar(task)) and re.sub(r'QBOOL: .*', 'QBOOL: "True" | "False"', g)
    return [('held', env.grammar)] + ([('free', free)] if a.free_polarity else [])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--level', default='d0'); ap.add_argument('--questions', type=int, default=24)
    ap.add_argument('--K', type=int, default=4); ap.add_argument('--max-new-tokens', type=int, default=160)
    ap.add_argument('--seed', type=int, default=1); ap.add_argument('--temperatures', type=float, nargs='+', default=[0.5, 0.8])
    ap.add_argument('--exemplars', type=int, nargs='*', default=[1, 3], help='numbers of generated worked examples to try')
    ap.add_argument('--no-paper', action='store_true', help='skip the paper-style worked example')
    ap.add_argument('--plain', action='store_true', help='worked examples without the Predicates section and the ::: glosses')
    ap.add_argument('--lenient', action='store_true', help='also judge each sample after a forgiving rewrite of its format')
    ap.add_argument('--chat', action='store_true', help="the prompt through the model's chat template")
    ap.add_argument('--ours', action='store_true', help="the logic prompt's own worked examples (envisions.prompts.LOGIC)")
    ap.add_argument('--constrained', action='store_true', help="decode inside the problem's grammar (LogicEnvironment.grammar)")
    ap.add_argument('--negated', action='store_true', help="the logic prompt with a False example whose statement is negated")
    ap.add_argument('--free-polarity', action='store_true', help="also decode with the query's True/False free (not held to the statement's)")
    a = ap.parse_args()
    model, tok = load_model(device='cpu')
    tasks = make_logic_problems(a.questions, 'validation', seed=a.seed, level=a.level)
    prompt_sets = [] if a.no_paper else [('paper-style', (prompts.LOGIC_EXEMPLAR,))]
    prompt_sets += [(f'generated x{n}', generated_exemplars(a.level, n)) for n in a.exemplars]
    prompt_sets += [('the logic prompt', prompts.LOGIC.exemplars)] if a.ours else []
    prompt_sets += [('negated False', NEGATED_FALSE)] if a.negated else []
    rows = []
    with LogicEnvironment() as env:
        for name, ex in prompt_sets:
            for temp, (hold, grammar) in itertools.product(a.temperatures, grammars(env, a)):
                rows.append({'exemplars': name, 'temperature': temp, 'query_truth': hold, **measure(model, tok, tasks, env, ex, a, temp, grammar)})
                r = rows[-1]
                print(f"{name:<14} {hold:<6} T={temp:<4} right {r['right_per_sample']:6.1%}  pass@{a.K} {r['pass_at_k']:6.1%}  by label "
                      f"{ {k: round(v, 2) for k, v in r['right_by_label'].items()} }  {r['statuses']}  answers {r['answers']}  "
                      f"{r['sampling_s']} s" + (f"  lenient: right {r['lenient_right_per_sample']:.1%} {r['lenient_statuses']}" if a.lenient else ''), flush=True)
    print(f'\n{a.questions} validation problems of level {a.level} x K={a.K}, few-shot prompt, max_new_tokens={a.max_new_tokens}')
    print(f"{'exemplars':<16}{'query':>6}{'T':>5}{'per sample':>12}{f'pass@{a.K}':>9}{'parses+guard':>14}{'seconds':>9}")
    for r in rows:
        usable = 1 - (r['statuses'].get('parse-error', 0) + r['statuses'].get('unusable', 0)) / (a.questions * (a.K if r['temperature'] > 0 else 1))
        print(f"{r['exemplars']:<16}{r['query_truth']:>6}{r['temperature']:>5}{r['right_per_sample']:>12.1%}{r['pass_at_k']:>9.1%}{usable:>14.1%}{r['sampling_s']:>9}")
    out = Path(__file__).parent / 'results' / 'logic_round0.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'rows': rows}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
