import PoseRunCore
import PoseRunSynthetic
import Testing
@testable import PoseRunReport

@Suite struct TerminalSummaryTests {
    @Test func degreeAndPlusMinusSignsTakeOneColumnAndColourCodesNone() {
        // "°" is two bytes in UTF-8 and "±" two; a terminal shows each in one column.
        #expect(TerminalText.displayWidth("8.2°") == 4)
        #expect(TerminalText.displayWidth("8.2 ± 1.4°") == 10)
        #expect(TerminalText.displayWidth("\u{1B}[32mgood\u{1B}[0m") == 4)
        #expect(TerminalText.displayWidth("走る") == 4)
        #expect(TerminalText.pad("5°", to: 5, .right) == "   5°")
    }

    @Test func tableColumnsLineUpOnScreenWithMultiByteCellsAndColour() {
        var table = TerminalTable(header: ["Metric", "Value", "Note"], alignments: [.left, .right, .left])
        table.rows = [
            [.init("Trunk lean"), .init("8.2 ± 1.4°", colour: 32), .init("ok")],
            [.init("Cadence"), .init("176 steps/min", colour: 31), .init("±1 frame")],
            [.init("Foot-strike angle"), .init("−3.5°"), .init("")],
        ]
        // The widest first cell is 17 columns and the widest value 13, so with a 2-space indent and
        // 2-space gaps every right-aligned value ends at column 2 + 17 + 2 + 13 = 34.
        let valueEnd = 34
        for colour in [false, true] {
            for line in table.render(useColour: colour, indent: 2) {
                let prefix = prefixOfWidth(strip(line), valueEnd)
                #expect(TerminalText.displayWidth(prefix) == valueEnd)
                #expect(prefix.last != " ", "value column right-aligned to column \(valueEnd): \(line)")
                if TerminalText.displayWidth(strip(line)) > valueEnd {
                    #expect(prefixOfWidth(strip(line), valueEnd + 2).hasSuffix("  "))
                }
            }
        }
    }

    @Test func noEscapeCodesWhenNotOnATerminal() throws {
        let (_, analysis) = try Fixtures.analysed(.heelStriker.lasting(strides: 5))
        let plain = TerminalSummary(useColour: false).render(
            analysis, writtenFiles: [.init(label: "report", path: "/tmp/out/report.html")])
        #expect(!plain.contains("\u{1B}"))
        let coloured = TerminalSummary(useColour: true).render(analysis)
        #expect(coloured.contains("\u{1B}["))
        #expect(!plain.split(separator: "\n").contains { $0.hasSuffix(" ") }, "no trailing spaces")
        // Ends with where the files went.
        #expect(plain.hasSuffix("report  /tmp/out/report.html"))
    }

    @Test func colourOnlyOnATerminalAndNotWhenNoColourIsSet() {
        #expect(TerminalSummary.colourWanted(isTerminal: true, environment: [:]))
        #expect(!TerminalSummary.colourWanted(isTerminal: false, environment: [:]))
        #expect(!TerminalSummary.colourWanted(isTerminal: true, environment: ["NO_COLOR": "1"]))
        // no-color.org: an empty NO_COLOR does not count.
        #expect(TerminalSummary.colourWanted(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!TerminalSummary.colourWanted(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    @Test func criteriaTableShowsStatusMeasuredTargetAndBasisForEachCriterion() throws {
        let (_, analysis) = try Fixtures.analysed(.heelStriker.lasting(strides: 5))
        let text = TerminalSummary(useColour: false).render(analysis)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Work on first") }
        for criterion in analysis.assessment.criteria {
            let row = try #require(lines.first { $0.contains(String(criterion.title.prefix(40))) })
            #expect(row.contains(criterion.target.basis.rawValue))
        }
        // The heel striker lands at 16° (its configuration): the foot-strike row is a fault, in degrees.
        let strike = try #require(lines.first { $0.contains("Land on the ball of the foot") })
        #expect(strike.contains("fault"))
        #expect(strike.contains("°"))
        #expect(strike.contains("≤ 8°"))
        #expect(text.contains("Work on first: 1."))
    }

    @Test func compactTargetsReadAsRanges() {
        let both = CriterionTarget(text: "", goodLow: 3.7, goodHigh: 10.9, basis: .sourced, source: "")
        let low = CriterionTarget(text: "", goodLow: 178, goodHigh: nil, basis: .sourced, source: "")
        #expect(TerminalSummary.compactTarget(both, unit: .degrees) == "3.7–10.9°")
        #expect(TerminalSummary.compactTarget(low, unit: .stepsPerMinute) == "≥ 178 steps/min")
    }

    private func strip(_ s: String) -> String {
        var out = "", inEscape = false
        for c in s {
            if inEscape { if c.isLetter { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            out.append(c)
        }
        return out
    }

    private func prefixOfWidth(_ s: String, _ width: Int) -> String {
        var out = ""
        for c in s {
            if TerminalText.displayWidth(out + String(c)) > width { break }
            out.append(c)
        }
        return out
    }
}
