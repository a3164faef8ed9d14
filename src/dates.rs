//! Calendar dates in article text, in the forms news pages print them, read with the month and
//! weekday names of a language pack.

use regex::Captures;

use crate::lang::{NumericOrder, Pack};
use crate::prefilter::Patterns;

/// A date found in text, with the time when the text gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range of the whole match in the searched text.
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// The weekday the text names (0 = Monday), to check against the calendar.
    pub weekday: Option<u32>,
    pub time: Option<(u32, u32)>,
    pub offset: Option<String>,
}

impl FoundDate {
    /// ISO 8601, with the year taken from `default_year` where the text leaves it out.
    pub fn iso(&self, default_year: Option<i32>) -> Option<String> {
        let year = self.year.or(default_year)?;
        if !is_valid(year, self.month, self.day) {
            return None;
        }
        let date = format!("{year:04}-{:02}-{:02}", self.month, self.day);
        Some(match (self.time, &self.offset) {
            (Some((h, m)), Some(offset)) => format!("{date}T{h:02}:{m:02}{offset}"),
            (Some((h, m)), None) => format!("{date}T{h:02}:{m:02}"),
            _ => date,
        })
    }

    /// Minutes since 1970-01-01 00:00 UTC, where the date has a year, a time and an offset:
    /// two datelines in different offsets are the same moment when these agree.
    pub fn utc_minutes(&self) -> Option<i64> {
        let (year, (hour, minute), offset) = (self.year?, self.time?, self.offset.as_deref()?);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (h, m) = offset
            .trim_start_matches(['+', '-'])
            .split_once(':')
            .unwrap_or(("0", "0"));
        let offset_minutes = sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?);
        let days = days_from_civil(year, self.month, self.day);
        Some(days * 1440 + i64::from(hour * 60 + minute) - offset_minutes)
    }

    /// Where the named weekday is not the date's, the dates it would be right for, the likelier
    /// first: the same day of the month before or after (a slip of the month, "Senin
    /// (18/4/2024)" for 18 March, a Monday), then the nearest day with that weekday (a slip of
    /// the day; the earlier one where two are as near).
    pub fn likely_dates(&self, default_year: Option<i32>) -> Vec<String> {
        let (Some(named), Some(year)) = (self.weekday, self.year.or(default_year)) else {
            return Vec::new();
        };
        if !is_valid(year, self.month, self.day) || weekday(year, self.month, self.day) == named {
            return Vec::new();
        }
        let (before, after) = match self.month {
            1 => ((year - 1, 12), (year, 2)),
            12 => ((year, 11), (year + 1, 1)),
            m => ((year, m - 1), (year, m + 1)),
        };
        let mut likely: Vec<String> = [before, after]
            .into_iter()
            .filter(|&(y, m)| is_valid(y, m, self.day) && weekday(y, m, self.day) == named)
            .map(|(y, m)| iso_date(y, m, self.day))
            .collect();
        let stated = i64::from(weekday(year, self.month, self.day));
        let back = (stated - i64::from(named)).rem_euclid(7);
        let forward = (i64::from(named) - stated).rem_euclid(7);
        let shift = if back <= forward { -back } else { forward };
        let (y, m, d) = civil_from_days(days_from_civil(year, self.month, self.day) + shift);
        likely.push(iso_date(y, m, d));
        likely
    }

    /// True where the text names a weekday that is not the date's.
    pub fn weekday_mismatch(&self, default_year: Option<i32>) -> bool {
        match (self.weekday, self.year.or(default_year)) {
            (Some(named), Some(year)) => weekday(year, self.month, self.day) != named,
            _ => false,
        }
    }
}

/// The date patterns of one language, built once per pack (each compiled when first run).
#[derive(Debug)]
pub struct DateReader {
    /// Run only where they can match (a month by name, "/" in "16/03/2024"), in the form a
    /// paragraph's characters allow.
    patterns: Patterns,
    months: Vec<(String, u32)>,
    weekdays: Vec<(String, u32)>,
    timezones: Vec<(String, String)>,
}

fn alternation(names: &[(String, u32)]) -> String {
    let mut sorted: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    sorted
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

fn numbered(groups: &[Vec<String>]) -> Vec<(String, u32)> {
    groups
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (n.to_lowercase(), i as u32)))
        .collect()
}

impl DateReader {
    pub fn new(pack: &Pack) -> DateReader {
        let months = numbered(&pack.calendar.months);
        let weekdays = numbered(&pack.calendar.weekdays);
        let timezones: Vec<(String, String)> = pack
            .calendar
            .timezones
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let month = alternation(&months);
        let wd = alternation(&weekdays);
        let mut zones: Vec<&str> = timezones.iter().map(|(k, _)| k.as_str()).collect();
        zones.sort_by_key(|z| std::cmp::Reverse(z.len()));
        let tz = zones.join("|");
        let clock = pack
            .calendar
            .time_words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let time = format!(
            r"(?:\s*[,|\-–—]?\s*(?:{clock})?\s*(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})\b(?:\s*(?P<tz>{tz})\b)?)?"
        );
        let weekday = format!(r"(?:(?P<wd>{wd})\b\.?,?\s*)?");
        // all-numeric dates read in the pack's order
        let (first, second) = match pack.calendar.numeric_order {
            NumericOrder::DayFirst => ("d", "m"),
            NumericOrder::MonthFirst => ("m", "d"),
        };
        let ordinal = r"(?:st|nd|rd|th)?";
        let patterns = [
            // Rabu, 13 Maret 2024 14:56 WIB / 13 March 2024 / 13 Maret
            format!(r"(?i)\b{weekday}(?P<d>\d{{1,2}})\s+(?P<mo>{month})\b\.?(?:\s+(?P<y>\d{{4}})\b{time})?"),
            // March 13, 2024 / Wednesday, March 13, 2024 / Feb. 14
            format!(r"(?i)\b{weekday}(?P<mo>{month})\.?\s+(?P<d>\d{{1,2}}){ordinal}\b(?:,?\s+(?P<y>\d{{4}})\b{time})?"),
            // Rabu (27/3/2024) / Jumat (15/3)
            format!(r"(?i)\b(?P<wd>{wd})\s*\((?P<{first}>\d{{1,2}})/(?P<{second}>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\)"),
            // 16/03/2024, 07:38 WIB
            format!(r"(?i)\b{weekday}(?P<{first}>\d{{1,2}})/(?P<{second}>\d{{1,2}})/(?P<y>\d{{4}})\b{time}"),
            // 2024-03-16T07:38:00+07:00
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:\s*T?\s*(?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<off>Z|[+-]\d{2}:?\d{2})?)?".to_string(),
        ];
        DateReader {
            patterns: Patterns::new(patterns.into()),
            months,
            weekdays,
            timezones,
        }
    }

    /// Every date in the text, left to right, overlapping matches dropped.
    pub fn find_all(&self, text: &str) -> Vec<FoundDate> {
        let mut found: Vec<FoundDate> = Vec::new();
        for (_, pattern) in self.patterns.that_may_match(text) {
            for caps in pattern.captures_iter(text) {
                let Some(date) = self.read(&caps) else {
                    continue;
                };
                if !found
                    .iter()
                    .any(|f| f.start < date.end && date.start < f.end)
                {
                    found.push(date);
                }
            }
        }
        found.sort_by_key(|f| f.start);
        found
    }

    fn read(&self, caps: &Captures) -> Option<FoundDate> {
        let whole = caps.get(0)?;
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let lookup = |table: &[(String, u32)], name: &str| {
            let key = caps.name(name)?.as_str().to_lowercase();
            table.iter().find(|(n, _)| *n == key).map(|(_, i)| *i)
        };
        let month = match number("m") {
            Some(m) => m,
            None => lookup(&self.months, "mo")? + 1,
        };
        // a month named without a year is a date only where written as a name ("May 5",
        // "5 Mei"), not a lower-case word that happens to spell a month ("may 5")
        let named_month = caps.name("mo");
        if caps.name("y").is_none()
            && named_month.is_some_and(|m| !m.as_str().starts_with(char::is_uppercase))
        {
            return None;
        }
        let day = number("d")?;
        let year = caps.name("y").and_then(|y| {
            let value: i32 = y.as_str().parse().ok()?;
            Some(if y.as_str().len() == 2 {
                2000 + value
            } else {
                value
            })
        });
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let time = match (number("h"), number("mi")) {
            (Some(h), Some(m)) if h < 24 && m < 60 => Some((h, m)),
            _ => None,
        };
        let offset = caps
            .name("tz")
            .and_then(|tz| {
                let key = tz.as_str().to_uppercase();
                self.timezones
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.clone())
            })
            .or_else(|| caps.name("off").map(|o| normalise_offset(o.as_str())));
        Some(FoundDate {
            start: whole.start(),
            end: whole.end(),
            year,
            month,
            day,
            weekday: lookup(&self.weekdays, "wd"),
            time,
            offset,
        })
    }
}

fn normalise_offset(offset: &str) -> String {
    if offset == "Z" {
        return "+00:00".to_string();
    }
    let digits: String = offset[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{}{}:{}", &offset[..1], &digits[..2], &digits[2..])
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn is_valid(year: i32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01, as year, month and day (the inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

fn iso_date(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Day of the week, 0 = Monday (Sakamoto's method).
pub fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_based = (y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day as i32) % 7;
    ((sunday_based + 6) % 7) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;
    use regex::Regex;

    #[test]
    fn every_pattern_compiles_and_needs_a_digit() {
        // the prefilter skips a text without one: most paragraphs
        for code in ["id", "en"] {
            let reader = DateReader::new(pack(code).unwrap());
            let digits = reader.patterns.each_needs_a_digit();
            for (n, source) in reader.patterns.sources().iter().enumerate() {
                assert!(digits[n], "{source}");
                assert!(Regex::new(source).is_ok(), "{source}");
            }
        }
    }

    #[test]
    fn the_forms_of_the_date_patterns_find_what_they_find_as_written() {
        use crate::prefilter::forms::tests::{check, texts};
        let texts = texts(4000);
        for code in ["id", "en"] {
            let reader = DateReader::new(pack(code).unwrap());
            let (found, read) = check(&reader.patterns, &texts);
            assert!(found.iter().all(|&n| n > 0), "{code}: {found:?}");
            assert!(read.iter().all(|&n| n > 100), "{read:?}");
        }
    }

    #[test]
    fn a_pattern_is_skipped_only_where_it_cannot_match() {
        let reader = DateReader::new(pack("id").unwrap());
        let open = |text: &str| -> Vec<bool> { reader.patterns.opened(text) };
        // no month name, weekday, slash or hyphen: nothing to read
        assert_eq!(open("Sidang digelar 3 kali."), [false; 5]);
        // a month by name opens the two patterns that read one
        assert_eq!(
            open("Sidang digelar 13 Maret."),
            [true, true, false, false, false]
        );
        assert_eq!(
            iso_all("id", "Sidang digelar 13 Maret 2024."),
            ["2024-03-13"]
        );
        assert!(open("Rabu (27/3/2024)")[2]);
        assert_eq!(iso_all("id", "Rabu (27/3/2024) sidang."), ["2024-03-27"]);
    }

    fn iso_all(code: &str, text: &str) -> Vec<String> {
        let reader = DateReader::new(pack(code).unwrap());
        reader
            .find_all(text)
            .iter()
            .filter_map(|d| d.iso(Some(2024)))
            .collect()
    }

    #[test]
    fn reads_indonesian_forms() {
        assert_eq!(iso_all("id", "pada Rabu, 13 Maret 2024."), ["2024-03-13"]);
        assert_eq!(iso_all("id", "Rabu (27/3/2024) di Jakarta"), ["2024-03-27"]);
        assert_eq!(
            iso_all("id", "Kompas.com - 16/03/2024, 07:38 WIB"),
            ["2024-03-16T07:38+07:00"]
        );
        assert_eq!(iso_all("id", "Jumat (15/3) lalu"), ["2024-03-15"]);
        assert_eq!(
            iso_all("id", "Kamis, 5 November 2015 14:56 WITA"),
            ["2015-11-05T14:56+08:00"]
        );
        assert!(iso_all("id", "Pemilu 2024 digelar").is_empty());
    }

    #[test]
    fn reads_english_forms() {
        assert_eq!(iso_all("en", "on March 13, 2024, the"), ["2024-03-13"]);
        assert_eq!(iso_all("en", "13 March 2024"), ["2024-03-13"]);
        assert_eq!(
            iso_all("en", "2019-05-02T10:11:00Z"),
            ["2019-05-02T10:11+00:00"]
        );
    }

    #[test]
    fn reads_month_first_dates_and_the_packs_numeric_order() {
        assert_eq!(
            iso_all(
                "en",
                "on Tuesday, Oct. 8 and Dec. 12, 2019, then March 21st"
            ),
            ["2024-10-08", "2019-12-12", "2024-03-21"]
        );
        assert_eq!(iso_all("en", "signed 03/04/2024 in"), ["2024-03-04"]);
        assert_eq!(iso_all("id", "diteken 03/04/2024 di"), ["2024-04-03"]);
        assert_eq!(iso_all("id", "sejak 5 Mei lalu"), ["2024-05-05"]);
        // a lower-case word that spells a month is no date without a year
        assert!(iso_all("en", "they may 2 times").is_empty());
    }

    #[test]
    fn flags_a_wrong_weekday() {
        let reader = DateReader::new(pack("id").unwrap());
        let found = reader.find_all("Senin (18/4/2024)");
        assert!(found[0].weekday_mismatch(None));
        let found = reader.find_all("Rabu, 13 Maret 2024");
        assert!(!found[0].weekday_mismatch(None));
        assert_eq!(weekday(2024, 3, 13), 2);
    }

    #[test]
    fn a_wrong_weekday_suggests_the_dates_it_would_be_right_for() {
        let reader = DateReader::new(pack("id").unwrap());
        // 18 April 2024 is a Thursday; 18 March a Monday, 15 April the nearest Monday
        let found = reader.find_all("Senin (18/4/2024)");
        assert_eq!(found[0].likely_dates(None), ["2024-03-18", "2024-04-15"]);
        // 3 January 2025 is a Friday; 3 December 2024 a Tuesday, across the year's end
        let found = reader.find_all("Selasa (3/1/2025)");
        assert_eq!(found[0].likely_dates(None), ["2024-12-03", "2024-12-31"]);
        let found = reader.find_all("Kamis (2/1/2025)");
        assert!(found[0].likely_dates(None).is_empty(), "a right weekday");
        let found = reader.find_all("Rabu (1/1/2025)");
        assert!(found[0].likely_dates(None).is_empty());
        let found = reader.find_all("Senin (1/1/2025)");
        // 1 January 2025 is a Wednesday; 1 December 2024 a Sunday, 1 February a Saturday
        assert_eq!(found[0].likely_dates(None), ["2024-12-30"]);
        for days in [-800_000, -1, 0, 59, 19_000, 800_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
