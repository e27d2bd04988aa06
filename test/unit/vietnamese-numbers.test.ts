import { describe, expect, it } from 'vitest';
import {
  announcementDisplayText,
  announcementText,
  readLetter,
  readNumber,
  readTicketNumber,
} from '../../server/domain/vietnamese-numbers';

describe('readNumber', () => {
  const cases: Array<[number, string]> = [
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [12, 'mười hai'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [91, 'chín mươi mốt'],
    [99, 'chín mươi chín'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [104, 'một trăm linh bốn'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [111, 'một trăm mười một'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [999, 'chín trăm chín mươi chín'],
    [1000, 'một nghìn'],
    [1001, 'một nghìn không trăm linh một'],
    [1010, 'một nghìn không trăm mười'],
    [1015, 'một nghìn không trăm mười lăm'],
    [1023, 'một nghìn không trăm hai mươi ba'],
    [1100, 'một nghìn một trăm'],
    [2005, 'hai nghìn không trăm linh năm'],
    [10000, 'mười nghìn'],
    [15000, 'mười lăm nghìn'],
    [21000, 'hai mươi mốt nghìn'],
    [100000, 'một trăm nghìn'],
    [105000, 'một trăm linh năm nghìn'],
    [999999, 'chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
    [1000000, 'một triệu'],
    [1000001, 'một triệu không trăm linh một'],
    [2500000, 'hai triệu năm trăm nghìn'],
    [1000000000, 'một tỷ'],
  ];
  it.each(cases)('%i → %s', (n, words) => {
    expect(readNumber(n)).toBe(words);
  });

  it('reads negatives with "âm" and rejects non-integers and huge numbers', () => {
    expect(readNumber(-5)).toBe('âm năm');
    expect(() => readNumber(1.5)).toThrow(RangeError);
    expect(() => readNumber(Number.NaN)).toThrow(RangeError);
    expect(() => readNumber(1e15)).toThrow(RangeError);
  });
});

describe('readLetter', () => {
  const names: Array<[string, string]> = [
    ['A', 'a'],
    ['B', 'bê'],
    ['C', 'xê'],
    ['D', 'dê'],
    ['Đ', 'đê'],
    ['E', 'e'],
    ['G', 'giê'],
    ['H', 'hát'],
    ['K', 'ca'],
    ['L', 'e-lờ'],
    ['M', 'em-mờ'],
    ['N', 'en-nờ'],
    ['P', 'pê'],
    ['Q', 'quy'],
    ['S', 'ét-xì'],
    ['T', 'tê'],
    ['V', 'vê'],
    ['X', 'ích-xì'],
    ['R', 'e-rờ'],
    ['Y', 'i dài'],
  ];
  it.each(names)('%s → %s', (ch, name) => {
    expect(readLetter(ch)).toBe(name);
  });

  it('is case-insensitive and handles decomposed input', () => {
    expect(readLetter('b')).toBe('bê');
    expect(readLetter('đ')).toBe('đê');
    expect(readLetter('O\u0302')).toBe('ô');
    expect(readLetter('7')).toBe('bảy');
  });
});

describe('readTicketNumber', () => {
  it('reads the prefix by name and the digits as a number', () => {
    expect(readTicketNumber('A012')).toBe('a mười hai');
    expect(readTicketNumber('B105')).toBe('bê một trăm linh năm');
    expect(readTicketNumber('X021')).toBe('ích-xì hai mươi mốt');
    expect(readTicketNumber('D000')).toBe('dê không');
    expect(readTicketNumber('AB024')).toBe('a bê hai mươi tư');
    expect(readTicketNumber('a-015')).toBe('a mười lăm');
  });

  it('reads a range number as one number', () => {
    expect(readTicketNumber('1015')).toBe('một nghìn không trăm mười lăm');
    expect(readTicketNumber('2005')).toBe('hai nghìn không trăm linh năm');
  });
});

describe('announcements', () => {
  it('speaks the call in words', () => {
    expect(announcementText('A012', 3)).toBe('Xin mời công dân có số thứ tự a mười hai đến quầy số ba');
    expect(announcementText('1023', 15)).toBe(
      'Xin mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số mười lăm',
    );
  });

  it('has an English equivalent', () => {
    expect(announcementText('A012', 3, 'en')).toBe('Ticket number A 12, please come to counter 3');
  });

  it('keeps the digits for the board', () => {
    expect(announcementDisplayText('A012', 3)).toBe('Xin mời công dân có số thứ tự A012 đến quầy số 3');
    expect(announcementDisplayText('A012', 3, 'en')).toBe('Ticket number A012, please come to counter 3');
  });
});
