/// The New York Stock Exchange's closures and early closes, 1990 through 2027, as a table (SPX and
/// SPXW options follow the NYSE calendar for the index; the exchange-holiday rule moves an expiry).
///
/// Sources:
/// - 2022–2027: NYSE Group's published holiday and early-closings calendars (press releases of
///   2021-12-27 "NYSE Group Announces 2022, 2023 and 2024 Holiday and Early Closings Calendar",
///   2022-12-21 for 2023–2025 and 2024-11-08 for 2025–2027, Business Wire), and for 2025-01-09 the
///   NYSE's closure for the national day of mourning for President Carter.
/// - 1990–2021: the standing NYSE rules (New Year's Day, Martin Luther King Jr. Day from 1998,
///   Washington's Birthday, Good Friday, Memorial Day, Juneteenth from 2022, Independence Day,
///   Labor Day, Thanksgiving, Christmas; Saturday holidays observed on the Friday before and Sunday
///   ones on the Monday after, except New Year's Day on a Saturday, which is not observed) and the
///   NYSE's record of unscheduled closings (1994-04-27, 2001-09-11…14, 2004-06-11, 2007-01-02,
///   2012-10-29/30, 2018-12-05), as collected in the NYSE historical-closings document that the
///   `exchange_calendars` project cites for its XNYS calendar. Early closes: 13:00 (14:00 before
///   1993) on the day after Thanksgiving (from 1992), Christmas Eve on a Monday–Thursday, July 3 on a
///   Monday, Tuesday or Thursday (from 1995; also a Wednesday from 2013), July 5 on a Friday
///   (1995–2012), and 1997-12-26, 1999-12-31, 2003-12-26.
///
/// Checked in `ExchangeCalendarTests`: every weekday from 1990-01-02 to 2026-07-08 without an S&P 500
/// close in `../shared/data/spx_daily.csv` is a full closure here, and every full closure is a day
/// without one; 2022–2027 equal the press releases' lists.
enum NYSEClosures {
    /// Full-day closures (weekdays only), by year: (MM-DD, name).
    static let full: [Int: [(String, String)]] = [
        1990: [("01-01", "New Year's Day"), ("02-19", "Washington's Birthday"), ("04-13", "Good Friday"), ("05-28", "Memorial Day"), ("07-04", "Independence Day"), ("09-03", "Labor Day"), ("11-22", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1991: [("01-01", "New Year's Day"), ("02-18", "Washington's Birthday"), ("03-29", "Good Friday"), ("05-27", "Memorial Day"), ("07-04", "Independence Day"), ("09-02", "Labor Day"), ("11-28", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1992: [("01-01", "New Year's Day"), ("02-17", "Washington's Birthday"), ("04-17", "Good Friday"), ("05-25", "Memorial Day"), ("07-03", "Independence Day"), ("09-07", "Labor Day"), ("11-26", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1993: [("01-01", "New Year's Day"), ("02-15", "Washington's Birthday"), ("04-09", "Good Friday"), ("05-31", "Memorial Day"), ("07-05", "Independence Day"), ("09-06", "Labor Day"), ("11-25", "Thanksgiving Day"), ("12-24", "Christmas Day")],
        1994: [("02-21", "Washington's Birthday"), ("04-01", "Good Friday"), ("04-27", "national day of mourning (President Nixon)"), ("05-30", "Memorial Day"), ("07-04", "Independence Day"), ("09-05", "Labor Day"), ("11-24", "Thanksgiving Day"), ("12-26", "Christmas Day")],
        1995: [("01-02", "New Year's Day"), ("02-20", "Washington's Birthday"), ("04-14", "Good Friday"), ("05-29", "Memorial Day"), ("07-04", "Independence Day"), ("09-04", "Labor Day"), ("11-23", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1996: [("01-01", "New Year's Day"), ("02-19", "Washington's Birthday"), ("04-05", "Good Friday"), ("05-27", "Memorial Day"), ("07-04", "Independence Day"), ("09-02", "Labor Day"), ("11-28", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1997: [("01-01", "New Year's Day"), ("02-17", "Washington's Birthday"), ("03-28", "Good Friday"), ("05-26", "Memorial Day"), ("07-04", "Independence Day"), ("09-01", "Labor Day"), ("11-27", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1998: [("01-01", "New Year's Day"), ("01-19", "Martin Luther King Jr. Day"), ("02-16", "Washington's Birthday"), ("04-10", "Good Friday"), ("05-25", "Memorial Day"), ("07-03", "Independence Day"), ("09-07", "Labor Day"), ("11-26", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        1999: [("01-01", "New Year's Day"), ("01-18", "Martin Luther King Jr. Day"), ("02-15", "Washington's Birthday"), ("04-02", "Good Friday"), ("05-31", "Memorial Day"), ("07-05", "Independence Day"), ("09-06", "Labor Day"), ("11-25", "Thanksgiving Day"), ("12-24", "Christmas Day")],
        2000: [("01-17", "Martin Luther King Jr. Day"), ("02-21", "Washington's Birthday"), ("04-21", "Good Friday"), ("05-29", "Memorial Day"), ("07-04", "Independence Day"), ("09-04", "Labor Day"), ("11-23", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2001: [("01-01", "New Year's Day"), ("01-15", "Martin Luther King Jr. Day"), ("02-19", "Washington's Birthday"), ("04-13", "Good Friday"), ("05-28", "Memorial Day"), ("07-04", "Independence Day"), ("09-03", "Labor Day"), ("09-11", "closed after the September 11 attacks"), ("09-12", "closed after the September 11 attacks"), ("09-13", "closed after the September 11 attacks"), ("09-14", "closed after the September 11 attacks"), ("11-22", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2002: [("01-01", "New Year's Day"), ("01-21", "Martin Luther King Jr. Day"), ("02-18", "Washington's Birthday"), ("03-29", "Good Friday"), ("05-27", "Memorial Day"), ("07-04", "Independence Day"), ("09-02", "Labor Day"), ("11-28", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2003: [("01-01", "New Year's Day"), ("01-20", "Martin Luther King Jr. Day"), ("02-17", "Washington's Birthday"), ("04-18", "Good Friday"), ("05-26", "Memorial Day"), ("07-04", "Independence Day"), ("09-01", "Labor Day"), ("11-27", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2004: [("01-01", "New Year's Day"), ("01-19", "Martin Luther King Jr. Day"), ("02-16", "Washington's Birthday"), ("04-09", "Good Friday"), ("05-31", "Memorial Day"), ("06-11", "national day of mourning (President Reagan)"), ("07-05", "Independence Day"), ("09-06", "Labor Day"), ("11-25", "Thanksgiving Day"), ("12-24", "Christmas Day")],
        2005: [("01-17", "Martin Luther King Jr. Day"), ("02-21", "Washington's Birthday"), ("03-25", "Good Friday"), ("05-30", "Memorial Day"), ("07-04", "Independence Day"), ("09-05", "Labor Day"), ("11-24", "Thanksgiving Day"), ("12-26", "Christmas Day")],
        2006: [("01-02", "New Year's Day"), ("01-16", "Martin Luther King Jr. Day"), ("02-20", "Washington's Birthday"), ("04-14", "Good Friday"), ("05-29", "Memorial Day"), ("07-04", "Independence Day"), ("09-04", "Labor Day"), ("11-23", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2007: [("01-01", "New Year's Day"), ("01-02", "national day of mourning (President Ford)"), ("01-15", "Martin Luther King Jr. Day"), ("02-19", "Washington's Birthday"), ("04-06", "Good Friday"), ("05-28", "Memorial Day"), ("07-04", "Independence Day"), ("09-03", "Labor Day"), ("11-22", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2008: [("01-01", "New Year's Day"), ("01-21", "Martin Luther King Jr. Day"), ("02-18", "Washington's Birthday"), ("03-21", "Good Friday"), ("05-26", "Memorial Day"), ("07-04", "Independence Day"), ("09-01", "Labor Day"), ("11-27", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2009: [("01-01", "New Year's Day"), ("01-19", "Martin Luther King Jr. Day"), ("02-16", "Washington's Birthday"), ("04-10", "Good Friday"), ("05-25", "Memorial Day"), ("07-03", "Independence Day"), ("09-07", "Labor Day"), ("11-26", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2010: [("01-01", "New Year's Day"), ("01-18", "Martin Luther King Jr. Day"), ("02-15", "Washington's Birthday"), ("04-02", "Good Friday"), ("05-31", "Memorial Day"), ("07-05", "Independence Day"), ("09-06", "Labor Day"), ("11-25", "Thanksgiving Day"), ("12-24", "Christmas Day")],
        2011: [("01-17", "Martin Luther King Jr. Day"), ("02-21", "Washington's Birthday"), ("04-22", "Good Friday"), ("05-30", "Memorial Day"), ("07-04", "Independence Day"), ("09-05", "Labor Day"), ("11-24", "Thanksgiving Day"), ("12-26", "Christmas Day")],
        2012: [("01-02", "New Year's Day"), ("01-16", "Martin Luther King Jr. Day"), ("02-20", "Washington's Birthday"), ("04-06", "Good Friday"), ("05-28", "Memorial Day"), ("07-04", "Independence Day"), ("09-03", "Labor Day"), ("10-29", "Hurricane Sandy"), ("10-30", "Hurricane Sandy"), ("11-22", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2013: [("01-01", "New Year's Day"), ("01-21", "Martin Luther King Jr. Day"), ("02-18", "Washington's Birthday"), ("03-29", "Good Friday"), ("05-27", "Memorial Day"), ("07-04", "Independence Day"), ("09-02", "Labor Day"), ("11-28", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2014: [("01-01", "New Year's Day"), ("01-20", "Martin Luther King Jr. Day"), ("02-17", "Washington's Birthday"), ("04-18", "Good Friday"), ("05-26", "Memorial Day"), ("07-04", "Independence Day"), ("09-01", "Labor Day"), ("11-27", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2015: [("01-01", "New Year's Day"), ("01-19", "Martin Luther King Jr. Day"), ("02-16", "Washington's Birthday"), ("04-03", "Good Friday"), ("05-25", "Memorial Day"), ("07-03", "Independence Day"), ("09-07", "Labor Day"), ("11-26", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2016: [("01-01", "New Year's Day"), ("01-18", "Martin Luther King Jr. Day"), ("02-15", "Washington's Birthday"), ("03-25", "Good Friday"), ("05-30", "Memorial Day"), ("07-04", "Independence Day"), ("09-05", "Labor Day"), ("11-24", "Thanksgiving Day"), ("12-26", "Christmas Day")],
        2017: [("01-02", "New Year's Day"), ("01-16", "Martin Luther King Jr. Day"), ("02-20", "Washington's Birthday"), ("04-14", "Good Friday"), ("05-29", "Memorial Day"), ("07-04", "Independence Day"), ("09-04", "Labor Day"), ("11-23", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2018: [("01-01", "New Year's Day"), ("01-15", "Martin Luther King Jr. Day"), ("02-19", "Washington's Birthday"), ("03-30", "Good Friday"), ("05-28", "Memorial Day"), ("07-04", "Independence Day"), ("09-03", "Labor Day"), ("11-22", "Thanksgiving Day"), ("12-05", "national day of mourning (President George H. W. Bush)"), ("12-25", "Christmas Day")],
        2019: [("01-01", "New Year's Day"), ("01-21", "Martin Luther King Jr. Day"), ("02-18", "Washington's Birthday"), ("04-19", "Good Friday"), ("05-27", "Memorial Day"), ("07-04", "Independence Day"), ("09-02", "Labor Day"), ("11-28", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2020: [("01-01", "New Year's Day"), ("01-20", "Martin Luther King Jr. Day"), ("02-17", "Washington's Birthday"), ("04-10", "Good Friday"), ("05-25", "Memorial Day"), ("07-03", "Independence Day"), ("09-07", "Labor Day"), ("11-26", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2021: [("01-01", "New Year's Day"), ("01-18", "Martin Luther King Jr. Day"), ("02-15", "Washington's Birthday"), ("04-02", "Good Friday"), ("05-31", "Memorial Day"), ("07-05", "Independence Day"), ("09-06", "Labor Day"), ("11-25", "Thanksgiving Day"), ("12-24", "Christmas Day")],
        2022: [("01-17", "Martin Luther King Jr. Day"), ("02-21", "Washington's Birthday"), ("04-15", "Good Friday"), ("05-30", "Memorial Day"), ("06-20", "Juneteenth"), ("07-04", "Independence Day"), ("09-05", "Labor Day"), ("11-24", "Thanksgiving Day"), ("12-26", "Christmas Day")],
        2023: [("01-02", "New Year's Day"), ("01-16", "Martin Luther King Jr. Day"), ("02-20", "Washington's Birthday"), ("04-07", "Good Friday"), ("05-29", "Memorial Day"), ("06-19", "Juneteenth"), ("07-04", "Independence Day"), ("09-04", "Labor Day"), ("11-23", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2024: [("01-01", "New Year's Day"), ("01-15", "Martin Luther King Jr. Day"), ("02-19", "Washington's Birthday"), ("03-29", "Good Friday"), ("05-27", "Memorial Day"), ("06-19", "Juneteenth"), ("07-04", "Independence Day"), ("09-02", "Labor Day"), ("11-28", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2025: [("01-01", "New Year's Day"), ("01-09", "national day of mourning (President Carter)"), ("01-20", "Martin Luther King Jr. Day"), ("02-17", "Washington's Birthday"), ("04-18", "Good Friday"), ("05-26", "Memorial Day"), ("06-19", "Juneteenth"), ("07-04", "Independence Day"), ("09-01", "Labor Day"), ("11-27", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2026: [("01-01", "New Year's Day"), ("01-19", "Martin Luther King Jr. Day"), ("02-16", "Washington's Birthday"), ("04-03", "Good Friday"), ("05-25", "Memorial Day"), ("06-19", "Juneteenth"), ("07-03", "Independence Day"), ("09-07", "Labor Day"), ("11-26", "Thanksgiving Day"), ("12-25", "Christmas Day")],
        2027: [("01-01", "New Year's Day"), ("01-18", "Martin Luther King Jr. Day"), ("02-15", "Washington's Birthday"), ("03-26", "Good Friday"), ("05-31", "Memorial Day"), ("06-18", "Juneteenth"), ("07-05", "Independence Day"), ("09-06", "Labor Day"), ("11-25", "Thanksgiving Day"), ("12-24", "Christmas Day")],
    ]

    /// Early closes by year: (MM-DD, closing hour in New York time, name).
    static let early: [Int: [(String, Int, String)]] = [
        1990: [("12-24", 14, "Christmas Eve")],
        1991: [("12-24", 14, "Christmas Eve")],
        1992: [("11-27", 14, "day after Thanksgiving"), ("12-24", 14, "Christmas Eve")],
        1993: [("11-26", 13, "day after Thanksgiving")],
        1994: [("11-25", 13, "day after Thanksgiving")],
        1995: [("07-03", 13, "day before Independence Day"), ("11-24", 13, "day after Thanksgiving")],
        1996: [("07-05", 13, "day after Independence Day"), ("11-29", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        1997: [("07-03", 13, "day before Independence Day"), ("11-28", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve"), ("12-26", 13, "day after Christmas")],
        1998: [("11-27", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        1999: [("11-26", 13, "day after Thanksgiving"), ("12-31", 13, "New Year's Eve")],
        2000: [("07-03", 13, "day before Independence Day"), ("11-24", 13, "day after Thanksgiving")],
        2001: [("07-03", 13, "day before Independence Day"), ("11-23", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2002: [("07-05", 13, "day after Independence Day"), ("11-29", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2003: [("07-03", 13, "day before Independence Day"), ("11-28", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve"), ("12-26", 13, "day after Christmas")],
        2004: [("11-26", 13, "day after Thanksgiving")],
        2005: [("11-25", 13, "day after Thanksgiving")],
        2006: [("07-03", 13, "day before Independence Day"), ("11-24", 13, "day after Thanksgiving")],
        2007: [("07-03", 13, "day before Independence Day"), ("11-23", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2008: [("07-03", 13, "day before Independence Day"), ("11-28", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2009: [("11-27", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2010: [("11-26", 13, "day after Thanksgiving")],
        2011: [("11-25", 13, "day after Thanksgiving")],
        2012: [("07-03", 13, "day before Independence Day"), ("11-23", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2013: [("07-03", 13, "day before Independence Day"), ("11-29", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2014: [("07-03", 13, "day before Independence Day"), ("11-28", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2015: [("11-27", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2016: [("11-25", 13, "day after Thanksgiving")],
        2017: [("07-03", 13, "day before Independence Day"), ("11-24", 13, "day after Thanksgiving")],
        2018: [("07-03", 13, "day before Independence Day"), ("11-23", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2019: [("07-03", 13, "day before Independence Day"), ("11-29", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2020: [("11-27", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2021: [("11-26", 13, "day after Thanksgiving")],
        2022: [("11-25", 13, "day after Thanksgiving")],
        2023: [("07-03", 13, "day before Independence Day"), ("11-24", 13, "day after Thanksgiving")],
        2024: [("07-03", 13, "day before Independence Day"), ("11-29", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2025: [("07-03", 13, "day before Independence Day"), ("11-28", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2026: [("11-27", 13, "day after Thanksgiving"), ("12-24", 13, "Christmas Eve")],
        2027: [("11-26", 13, "day after Thanksgiving")],
    ]
}
