/** A step's quiz questions and "what will happen?" prompts. */
import { useState } from 'react';
import type { PredictView, QuizView } from '../../protocol/messages';
import { Inline } from './Markdown';

export function QuizQuestion({ quiz, index, onAnswer }: { quiz: QuizView; index: number; onAnswer(choices: number[]): void }) {
  const [chosen, setChosen] = useState<number[]>([]);
  const a = quiz.answer;
  const name = `quiz-${index}`;
  const toggle = (i: number) => setChosen((c) => (quiz.multiple ? (c.includes(i) ? c.filter((x) => x !== i) : [...c, i]) : [i]));
  return (
    <fieldset className="quiz">
      <legend>
        Quiz: <Inline text={quiz.question} />
        {quiz.multiple && <span className="muted"> (tick all that apply)</span>}
      </legend>
      {quiz.choices.map((text, i) => {
        const picked = a ? a.chosen.includes(i) : chosen.includes(i);
        const verdict = a ? (a.correctChoices.includes(i) ? 'right' : picked ? 'wrong' : '') : '';
        return (
          <div key={i} className={`choice ${verdict}`}>
            <label>
              <input type={quiz.multiple ? 'checkbox' : 'radio'} name={name} checked={picked} disabled={!!a} onChange={() => toggle(i)} /> <Inline text={text} />
            </label>
            {a && picked && a.explanations[i] && (
              <p className="explain">
                <Inline text={a.explanations[i]!} />
              </p>
            )}
          </div>
        );
      })}
      {a ? (
        <p className={a.correct ? 'verdict right' : 'verdict wrong'} role="status">
          {a.correct ? '✓ Right.' : '✗ Not quite — the right answers are marked.'}
        </p>
      ) : (
        <button type="button" disabled={chosen.length === 0} onClick={() => onAnswer(chosen)}>
          Answer
        </button>
      )}
    </fieldset>
  );
}

export function PredictPrompt({ prompt, onChoose }: { prompt: PredictView; onChoose(choice: string): void }) {
  return (
    <fieldset className="predict">
      <legend>
        Predict: <Inline text={prompt.question} />
      </legend>
      <div className="predict-choices">
        {prompt.choices.map((c) => (
          <button key={c} type="button" aria-pressed={prompt.choice === c} disabled={prompt.choice !== undefined} onClick={() => onChoose(c)}>
            {c}
          </button>
        ))}
      </div>
      {prompt.choice !== undefined && prompt.observed === undefined && <p className="muted">You said “{prompt.choice}”. Let time run and see what happens…</p>}
      {prompt.observed !== undefined && (
        <p className={prompt.correct ? 'verdict right' : 'verdict wrong'} role="status">
          {prompt.correct ? '✓' : '✗'} The cluster said “{prompt.observed}”; you said “{prompt.choice}”.
          {prompt.explain && (
            <span className="explain">
              {' '}
              <Inline text={prompt.explain} />
            </span>
          )}
        </p>
      )}
    </fieldset>
  );
}
