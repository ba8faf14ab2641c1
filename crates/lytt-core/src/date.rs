//! Calendar dates at the precision a survey allows (day or ISO week).

use crate::survey::DatePrecision;

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDate {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month, 1..=31.
    pub day: u32,
}

impl CivilDate {
    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> CivilDate {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// ISO 8601 weekday, 1 = Monday .. 7 = Sunday.
    pub fn iso_weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u32
    }

    /// The ISO week-numbering year and week number.
    pub fn iso_week(self) -> (i32, u32) {
        // The week belongs to the year of its Thursday.
        let thursday = self.days_since_epoch() - i64::from(self.iso_weekday()) + 4;
        let thursday_date = CivilDate::from_days_since_epoch(thursday);
        let jan1 = CivilDate { year: thursday_date.year, month: 1, day: 1 }.days_since_epoch();
        let week = ((thursday - jan1) / 7 + 1) as u32;
        (thursday_date.year, week)
    }

    /// The date as a record writes it: `YYYY-MM-DD` or `YYYY-Www`.
    pub fn at_precision(self, precision: DatePrecision) -> String {
        match precision {
            DatePrecision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
            DatePrecision::Week => {
                let (year, week) = self.iso_week();
                format!("{year:04}-W{week:02}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> CivilDate {
        CivilDate { year, month, day }
    }

    #[test]
    fn epoch_round_trip() {
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(2026, 11, 22).days_since_epoch(), 20_779);
        for days in [-1000, 0, 59, 60, 20_779, 100_000] {
            assert_eq!(CivilDate::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn iso_weeks_at_year_edges() {
        assert_eq!(d(2026, 11, 22).at_precision(DatePrecision::Week), "2026-W47");
        assert_eq!(d(2026, 11, 22).iso_weekday(), 7);
        // 2021-01-03 (Sunday) belongs to 2020's week 53.
        assert_eq!(d(2021, 1, 3).iso_week(), (2020, 53));
        assert_eq!(d(2021, 1, 4).iso_week(), (2021, 1));
        // 2024-12-30 (Monday) is in 2025's week 1.
        assert_eq!(d(2024, 12, 30).iso_week(), (2025, 1));
        assert_eq!(d(2026, 1, 1).iso_week(), (2026, 1));
    }

    #[test]
    fn day_precision() {
        assert_eq!(d(2026, 3, 7).at_precision(DatePrecision::Day), "2026-03-07");
    }
}
