/**
 * @jest-environment jsdom
 */
// First: jsdom lacks TextDecoder and friends, which the reader needs when its module loads.
import './setup-dom';
import { fireEvent, render, screen } from '@testing-library/react';
import { defaultCatalog } from '../../src/core';
import { officeHost } from '../../src/excel/office';
import { App } from '../../src/taskpane/App';
import { officeDoublePerTest } from '../helpers/office';

// The parts of the pane loaded on demand (汇总, the diagnostics) show a spinner while they arrive.
// A spinner is a progress bar to a screen reader and must say what it waits for (axe:
// aria-progressbar-name; WCAG 4.1.2): the browser test met it unnamed once, on a loaded machine.
// Its own file: React remembers a lazy part once loaded, so only the first opening shows it.

const catalog = defaultCatalog();
officeDoublePerTest();

describe('a part of the pane loaded on demand', () => {
  it('汇总: the spinner is named while it loads, in Chinese', async () => {
    render(<App host={officeHost()} catalog={catalog} language="zh-CN" dark={false} />);
    fireEvent.click(screen.getByRole('tab', { name: '汇总' }));
    expect(screen.getByRole('progressbar', { name: '正在加载…' })).toBeTruthy();
    await screen.findByTestId('file-input');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('the diagnostics: the spinner is named while they load, in English', async () => {
    render(<App host={officeHost()} catalog={catalog} language="en-US" dark={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Diagnostics' }));
    expect(screen.getByRole('progressbar', { name: 'Loading…' })).toBeTruthy();
    await screen.findByRole('button', { name: 'Run diagnostics' });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
