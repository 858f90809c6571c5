import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

@Suite struct ReferenceEventsCSVTests {
    let timeBase = InputTimeBase(frameRate: 100, firstFrameNumber: 1, firstSampleTime: 0)

    @Test func readsHeaderCommentsAndEveryWordForSides() throws {
        let text = """
        # from a force plate
        time_s,side,event
        0.50,R,IC

        0.80,right,TO
        1.00,L,ic
        1.30,Left,to
        """
        let events = try ReferenceEventsCSV.parse(text, fileName: "e.csv", timeBase: timeBase).events
        #expect(events.map(\.side) == [.right, .right, .left, .left])
        #expect(events.map(\.kind) == [.initialContact, .toeOff, .initialContact, .toeOff])
        #expect(events.map(\.time) == [0.5, 0.8, 1.0, 1.3])
        // Frame 1 at 0 s, 100 Hz.
        #expect(events.map(\.frame) == [51, 81, 101, 131])
    }

    @Test func readsFilesWithoutAHeaderAndWithWindowsLineEnds() throws {
        let events = try ReferenceEventsCSV.parse("0.1,L,IC\r\n0.3,L,TO\r\n", fileName: "e.csv", timeBase: timeBase).events
        #expect(events.count == 2 && events[1].kind == .toeOff)
    }

    @Test func choosesTheTimeColumn() throws {
        let text = "time_abs_s,time_rel_s,side,event,plate\n3.6813,0.3533,R,IC,FP2\n"
        let relative = try ReferenceEventsCSV.parse(text, fileName: "e.csv", timeBase: timeBase)
        #expect(relative.events[0].time == 0.3533)
        let absolute = try ReferenceEventsCSV.parse(text, fileName: "e.csv", timeColumn: "time_abs_s", timeBase: timeBase)
        #expect(absolute.events[0].time == 3.6813)
        #expect { try ReferenceEventsCSV.parse(text, fileName: "e.csv", timeColumn: "t", timeBase: timeBase) } throws: { error in
            "\(error)" == "e.csv: line 1: the header has no column \"t\" (it has time_abs_s, time_rel_s, side, event, plate)"
        }
    }

    @Test func appliesTheReferenceOffset() throws {
        let shifted = InputTimeBase(frameRate: 100, firstFrameNumber: 1, firstSampleTime: 0, referenceOffsetSeconds: 0.25)
        let events = try ReferenceEventsCSV.parse("1.25,R,IC", fileName: "e.csv", timeBase: shifted).events
        #expect(events[0].time == 1.0 && events[0].frame == 101)
    }

    @Test(arguments: [
        ("time_s,side,event\n0.1,R,IC\nabc,R,TO", "e.csv: line 3: time \"abc\" is not a number of seconds"),
        ("time_s,side,event\n0.1,X,IC", "e.csv: line 2: side \"X\" is not L, R, left or right"),
        ("time_s,side,event\n0.1,R,HEEL", "e.csv: line 2: event \"HEEL\" is not IC or TO"),
        ("time_s,side,event\n0.1,R", "e.csv: line 2: has 2 field(s), 3 expected (time, side, event): \"0.1,R\""),
        ("# nothing\ntime_s,side,event\n", "e.csv: holds no events; expected lines like 0.2200,R,IC"),
        ("when,side,event\n0.1,R,IC", "e.csv: line 1: the header (when, side, event) needs a time column (time_s), a side column and an event column"),
    ])
    func badRowsNameTheFileAndLine(text: String, message: String) {
        #expect { try ReferenceEventsCSV.parse(text, fileName: "e.csv", timeBase: timeBase) } throws: { error in
            "\(error)" == message
        }
    }
}
