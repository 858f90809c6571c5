import Foundation
import Testing
import PoseRunCore
@testable import PoseRunReport

@Test func writesDemoReport() throws {
    let f = try ReportFixture.make()
    let html = HTMLReport(analysis: f.analysis, generatedAt: Date()).render()
    try HTMLReportWriter.write(html, toFolder: URL(fileURLWithPath: "/tmp/poserun-report-demo"))
}
