import { dateToDeadline, deadlineToDate } from '../../../src/core/mapping/dates';

describe('B24 DEADLINE → Jira due date, in the portal time zone', () => {
  it.each([
    ['2025-10-24T23:30:00+02:00', 'Europe/Berlin', '2025-10-24', 'late evening stays on its day although it is 21:30Z'],
    [
      '2025-10-24T00:30:00+03:00',
      'Europe/Moscow',
      '2025-10-24',
      'just after midnight is not "the day before" (UTC says the 23rd)',
    ],
    [
      '2025-10-24T00:30:00+03:00',
      'Europe/Berlin',
      '2025-10-23',
      'a deadline entered in another zone lands on the portal zone day',
    ],
    ['2025-03-30T01:30:00+01:00', 'Europe/Berlin', '2025-03-30', 'the night of the spring DST change'],
    ['2025-12-31T23:59:59-05:00', 'America/New_York', '2025-12-31', 'negative offsets'],
  ])('%s in %s is %s: %s', (deadline, zone, date) => {
    expect(deadlineToDate(deadline, zone)).toBe(date);
  });

  it('treats an unset or unreadable deadline as no due date', () => {
    expect(deadlineToDate(null, 'Europe/Berlin')).toBeNull();
    expect(deadlineToDate('', 'Europe/Berlin')).toBeNull();
    expect(deadlineToDate('soon', 'Europe/Berlin')).toBeNull();
  });
});

describe('Jira due date → B24 DEADLINE at the end-of-day time with an explicit offset', () => {
  it('uses the summer offset on a summer date and the winter one on a winter date', () => {
    expect(dateToDeadline('2025-07-01', '18:00', 'Europe/Berlin')).toBe('2025-07-01T18:00:00+02:00');
    expect(dateToDeadline('2025-12-01', '18:00', 'Europe/Berlin')).toBe('2025-12-01T18:00:00+01:00');
  });

  it('switches offset on the DST day itself', () => {
    expect(dateToDeadline('2025-03-30', '18:00', 'Europe/Berlin')).toBe('2025-03-30T18:00:00+02:00');
    expect(dateToDeadline('2025-10-26', '18:00', 'Europe/Berlin')).toBe('2025-10-26T18:00:00+01:00');
  });

  it('handles zones with half-hour and negative offsets', () => {
    expect(dateToDeadline('2025-05-10', '09:30', 'Asia/Kolkata')).toBe('2025-05-10T09:30:00+05:30');
    expect(dateToDeadline('2025-01-10', '23:59', 'America/Los_Angeles')).toBe('2025-01-10T23:59:00-08:00');
  });

  it('round-trips: the deadline it writes reads back as the same date', () => {
    for (const zone of ['Europe/Berlin', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      for (const time of ['00:00', '12:00', '23:59']) {
        expect(deadlineToDate(dateToDeadline('2025-10-26', time, zone), zone)).toBe('2025-10-26');
      }
    }
  });

  it('refuses something that is not a date', () => {
    expect(() => dateToDeadline('26.10.2025', '18:00', 'UTC')).toThrow('cannot build a deadline');
  });
});
