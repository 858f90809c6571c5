import Foundation
import PoseRunCore
import Testing

@testable import PoseRunCoaching

@Suite("Drill library")
struct LibraryTests {
    @Test func bundledLibraryLoadsAndValidates() throws {
        let library = try DrillLibrary.bundled()
        #expect(library.validate() == [])
        print(library.entries.count)
    }
}
