// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { ErrorState } from './states';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ErrorState', () => {
  it('says the API is unreachable and retries by itself every few seconds', () => {
    vi.useFakeTimers();
    const retry = vi.fn();
    render(<ErrorState error={new ApiError(0, 'unreachable', 'Failed to fetch', '/api/v1/services')} retry={retry} />);
    expect(screen.getByTestId('error-state').textContent).toContain('The query API is unreachable');
    expect(screen.getByTestId('error-state').textContent).toContain('/api/v1/services');
    act(() => void vi.advanceTimersByTime(5_000));
    expect(retry).toHaveBeenCalledTimes(1);
    act(() => void vi.advanceTimersByTime(5_000));
    expect(retry).toHaveBeenCalledTimes(2);
  });

  it('says an endpoint is missing, and retries only when asked', () => {
    vi.useFakeTimers();
    const retry = vi.fn();
    render(<ErrorState error={new ApiError(404, '', 'Not Found', '/api/v1/logs/volume')} retry={retry} />);
    expect(screen.getByTestId('error-state').textContent).toContain('does not offer this yet');
    act(() => void vi.advanceTimersByTime(20_000));
    expect(retry).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('Retry now'));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
