// A Lytt survey file (lytt-survey/1) as SurveyJS JSON, for the side-by-side benchmark: the same
// questions, options, conditions and required answers, one question per page after a start page
// with the survey's title and introduction, as Lytt shows it.

const text = (localized, lang) => localized?.[lang] ?? Object.values(localized ?? {})[0] ?? '';

/** A `show_if` condition as a SurveyJS expression. */
export function expression(condition) {
  if (condition.all) return condition.all.map((c) => `(${expression(c)})`).join(' and ');
  if (condition.any) return condition.any.map((c) => `(${expression(c)})`).join(' or ');
  if (condition.not) return `!(${expression(condition.not)})`;
  if (condition.answered) return `{${condition.answered}} notempty`;
  const q = `{${condition.question}}`;
  const literal = (v) => (typeof v === 'number' ? String(v) : `'${v}'`);
  if ('equals' in condition) return `${q} = ${literal(condition.equals)}`;
  if ('includes' in condition) return `${q} contains ${literal(condition.includes)}`;
  if ('at_least' in condition) return `${q} >= ${condition.at_least}`;
  if ('at_most' in condition) return `${q} <= ${condition.at_most}`;
  throw new Error(`unknown condition ${JSON.stringify(condition)}`);
}

function question(q, lang) {
  const common = {
    name: q.id,
    title: text(q.prompt, lang),
    ...(q.help ? { description: text(q.help, lang) } : {}),
    ...(q.required ? { isRequired: true } : {}),
    ...(q.show_if ? { visibleIf: expression(q.show_if) } : {}),
  };
  const choices = () => q.options.map((o) => ({ value: o.id, text: text(o.label, lang) }));
  switch (q.type) {
    case 'single':
      return { type: 'radiogroup', ...common, choices: choices() };
    case 'multi':
      return { type: 'checkbox', ...common, choices: choices(), ...(q.max_choices ? { maxSelectedChoices: q.max_choices } : {}) };
    case 'ranking':
      return { type: 'ranking', ...common, choices: choices(), selectToRankEnabled: true, maxSelectedChoices: q.pick };
    case 'scale':
      return {
        type: 'rating', ...common, rateMin: q.min, rateMax: q.max,
        ...(q.min_label ? { minRateDescription: text(q.min_label, lang) } : {}),
        ...(q.max_label ? { maxRateDescription: text(q.max_label, lang) } : {}),
      };
    case 'smiley':
      return { type: 'rating', ...common, rateType: 'smileys', rateCount: q.points, rateMax: q.points };
    case 'number':
      return { type: 'text', ...common, inputType: 'number', min: q.min, max: q.max };
    case 'text':
      return { type: 'comment', ...common, maxLength: q.max_length ?? 2000 };
    case 'info':
      return { type: 'html', name: q.id, html: `<h2>${text(q.prompt, lang)}</h2>${q.help ? `<p>${text(q.help, lang)}</p>` : ''}` };
    default:
      throw new Error(`unknown question type ${q.type}`);
  }
}

/** The survey in `lang` as SurveyJS JSON. */
export function toSurveyJs(survey, lang = survey.default_language) {
  return {
    title: text(survey.title, lang),
    locale: lang,
    firstPageIsStartPage: true,
    startSurveyText: 'Start',
    showProgressBar: 'top',
    showQuestionNumbers: 'off',
    pages: [
      { name: 'start', elements: [{ type: 'html', name: 'intro', html: `<p>${text(survey.intro, lang)}</p>` }] },
      ...survey.questions.map((q) => ({ name: `page_${q.id}`, elements: [question(q, lang)] })),
    ],
  };
}
