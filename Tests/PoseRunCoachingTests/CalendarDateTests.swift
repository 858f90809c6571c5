import Foundation
import Testing

@testable import PoseRunCoaching

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test func weekdaysOfKnownDates() throws {
        // 1 January 2000 was a Saturday; 24 November 2026 is a Tuesday; 1970-01-01 a Thursday.
        #expect(try #require(CalendarDate(iso: "2000-01-01")).weekday == 6)
        #expect(try #require(CalendarDate(iso: "2026-11-24")).weekday == 2)
        #expect(try #require(CalendarDate(iso: "1970-01-01")).weekday == 4)
    }

    @Test func nextMondayIsStrictlyAfter() throws {
        #expect(try #require(CalendarDate(iso: "2026-11-24")).nextMonday.iso == "2026-11-30")
        #expect(try #require(CalendarDate(iso: "2026-11-30")).nextMonday.iso == "2026-12-07")
        #expect(try #require(CalendarDate(iso: "2026-12-06")).nextMonday.iso == "2026-12-07")
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() throws {
        #expect(try #require(CalendarDate(iso: "2026-12-28")).adding(days: 7).iso == "2027-01-04")
        #expect(try #require(CalendarDate(iso: "2024-02-28")).adding(days: 1).iso == "2024-02-29")
        #expect(try #require(CalendarDate(iso: "2023-02-28")).adding(days: 1).iso == "2023-03-01")
        #expect(try #require(CalendarDate(iso: "2000-03-01")).adding(days: -1).iso == "2000-02-29")
    }

    @Test func invalidDatesAreRejected() {
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "26-11-30") == nil)
        #expect(CalendarDate(iso: "2026/11/30") == nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
    }
}
