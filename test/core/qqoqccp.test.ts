import { expect } from '@open-wc/testing';
import { answeredPrompts, DESCRIBE_PROMPTS, descriptionTemplate, type DescribePrompt } from '../../src/core/qqoqccp.js';

const FR: Record<DescribePrompt, string> = {
  who: 'Qui',
  what: 'Quoi',
  where: 'Où',
  when: 'Quand',
  how: 'Comment',
  'how-much': 'Combien',
  why: 'Pourquoi',
};

const EN: Record<DescribePrompt, string> = {
  who: 'Who (people involved)',
  what: 'What (tool or equipment)',
  where: 'Where',
  when: 'When (date, time)',
  how: 'How',
  'how-much': 'How often',
  why: 'Why (your guess)',
};

describe('QQOQCCP prompts', () => {
  it('lists the seven questions of seed 002 in order', () => {
    expect(DESCRIBE_PROMPTS).to.deep.equal(['who', 'what', 'where', 'when', 'how', 'how-much', 'why']);
  });

  it('builds a template with one "Label: " line per prompt', () => {
    expect(descriptionTemplate(FR)).to.equal(
      ['Qui: ', 'Quoi: ', 'Où: ', 'Quand: ', 'Comment: ', 'Combien: ', 'Pourquoi: '].join('\n'),
    );
  });

  it('finds nothing answered in the bare template', () => {
    expect(answeredPrompts(descriptionTemplate(FR), FR)).to.deep.equal([]);
    expect(answeredPrompts(descriptionTemplate(EN), EN)).to.deep.equal([]);
    expect(answeredPrompts('', FR)).to.deep.equal([]);
  });

  it('ticks the prompts whose line has text after the colon, in prompt order', () => {
    const description = descriptionTemplate(FR)
      .replace('Quand: ', 'Quand: ce matin à 9h12')
      .replace('Qui: ', 'Qui: toute la comptabilité')
      .replace('Pourquoi: ', 'Pourquoi:    \t');
    expect(answeredPrompts(description, FR)).to.deep.equal(['who', 'when']);
  });

  it('reads labels with parentheses and other regex characters literally', () => {
    const description = descriptionTemplate(EN).replace('What (tool or equipment): ', 'What (tool or equipment): Outlook 2021');
    expect(answeredPrompts(description, EN)).to.deep.equal(['what']);
    expect(answeredPrompts('What tool or equipment: Outlook', EN)).to.deep.equal([]);
  });

  it('accepts French spacing, any case, list markers and Windows line ends', () => {
    const description = ['Bonjour,', '- qui : Jeanne', '  * OÙ\u00a0: bâtiment B', '• Comment : au démarrage', 'Combien:2 postes\r'].join('\r\n');
    expect(answeredPrompts(description, FR)).to.deep.equal(['who', 'where', 'how', 'how-much']);
  });

  it('does not take a label in the middle of a sentence for its line', () => {
    expect(answeredPrompts('Je ne sais pas Quand: peut-être hier', FR)).to.deep.equal([]);
    expect(answeredPrompts('Quoique: rien', FR)).to.deep.equal([]);
  });

  it('ignores prompts without a label', () => {
    expect(answeredPrompts(': quelque chose', { ...FR, why: '  ' })).to.deep.equal([]);
  });
});
