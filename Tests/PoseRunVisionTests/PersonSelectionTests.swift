import Testing
@testable import PoseRunVision

/// Which person the tracker follows when several are in view.
struct PersonSelectionTests {
    static func region(_ x: Float, _ y: Float, side: Float) -> PoseRegion {
        PoseRegion(centreX: x, centreY: y, side: side, rotation: 0)
    }

    @Test func firstChoiceIsTheLargerCentralPersonNotTheFirstListed() {
        // 1000×500 image: a small person at the left edge (listed first, as a better-scored
        // detection would be) and a larger one in the middle.
        let regions = [Self.region(60, 250, side: 120), Self.region(520, 260, side: 300)]
        #expect(PersonSelection.firstPerson(among: regions, imageWidth: 1000, imageHeight: 500) == 1)
    }

    @Test func firstChoiceOfTwoEqualPeopleIsTheCentralOne() {
        let regions = [Self.region(100, 250, side: 200), Self.region(480, 250, side: 200)]
        #expect(PersonSelection.firstPerson(among: regions, imageWidth: 1000, imageHeight: 500) == 1)
    }

    @Test func reDetectionKeepsTheNearestPersonOfSimilarSize() {
        let last = Self.region(500, 300, side: 200)
        // Another runner 300 px away (1.5 sides) and ours 40 px away: ours, though listed second.
        let regions = [Self.region(800, 300, side: 210), Self.region(540, 300, side: 190)]
        #expect(PersonSelection.samePerson(as: last, secondsLost: 0.1, among: regions) == 1)
    }

    @Test func reDetectionRefusesSomeoneFarOrOfAnotherSize() {
        let last = Self.region(500, 300, side: 200)
        // 150 px away is beyond 0.5 side + 0.5 side/s × 0.2 s = 120 px; a person at the same place
        // but twice as large (closer to the camera) is beyond the 1.6 size ratio.
        let regions = [Self.region(650, 300, side: 200), Self.region(510, 300, side: 400)]
        #expect(PersonSelection.samePerson(as: last, secondsLost: 0.2, among: regions) == nil)
    }

    @Test func theMatchRadiusGrowsWhileThePersonIsUnseen() {
        let last = Self.region(500, 300, side: 200)
        let regions = [Self.region(650, 300, side: 200)]  // 150 px = 0.75 side
        #expect(PersonSelection.samePerson(as: last, secondsLost: 0.2, among: regions) == nil)  // radius 120 px
        #expect(PersonSelection.samePerson(as: last, secondsLost: 0.6, among: regions) == 0)  // radius 160 px
    }

    @Test func aPersonLostAtTheSideHasLeftThePicture() {
        // 1280×720, a 200 px region: hips 40 px from the left edge (0.2 side) have left; 60 px (0.3 side)
        // from it, or mid-picture, are hidden and waited for.
        #expect(PersonSelection.hasLeftThePicture(Self.region(40, 360, side: 200), imageWidth: 1280))
        #expect(PersonSelection.hasLeftThePicture(Self.region(1250, 360, side: 200), imageWidth: 1280))
        #expect(PersonSelection.hasLeftThePicture(Self.region(-30, 360, side: 200), imageWidth: 1280))
        #expect(!PersonSelection.hasLeftThePicture(Self.region(60, 360, side: 200), imageWidth: 1280))
        #expect(!PersonSelection.hasLeftThePicture(Self.region(640, 360, side: 200), imageWidth: 1280))
        // The top and bottom are not exits.
        #expect(!PersonSelection.hasLeftThePicture(Self.region(640, 10, side: 200), imageWidth: 1280))
    }

    @Test func inACloseShotTheEdgeBandStaysNarrow() {
        // A 1080-wide portrait shot whose region (2000 px) is wider than the picture: a quarter side would be
        // 500 px, nearly to the middle; the band is 108 px (a tenth of the width).
        #expect(!PersonSelection.hasLeftThePicture(Self.region(300, 960, side: 2000), imageWidth: 1080))
        #expect(PersonSelection.hasLeftThePicture(Self.region(100, 960, side: 2000), imageWidth: 1080))
    }

    @Test func statesWithAndWithoutAPose() {
        #expect(PoseTrackState.allCases.filter(\.hasPose) == [.acquired, .tracked, .reacquired, .newPerson])
        let lost = PoseFrame(frameIndex: 3, time: 0.1, posePresence: 0.2, landmarks: nil)
        #expect(lost.trackState == .lost)
    }
}

/// The default thread count: two, unless the machine is heavily oversubscribed.
struct ThreadCountTests {
    @Test func twoThreadsUnlessTheMachineIsOversubscribed() {
        #expect(BlazePoseOptions.automaticThreadCount(cores: 2, loadAverage: 0.1) == 2)
        #expect(BlazePoseOptions.automaticThreadCount(cores: 2, loadAverage: 1.8) == 2, "our own previous run must not halve the next")
        #expect(BlazePoseOptions.automaticThreadCount(cores: 2, loadAverage: 4.5) == 1)
        #expect(BlazePoseOptions.automaticThreadCount(cores: 2, loadAverage: 9.5) == 1)
        #expect(BlazePoseOptions.automaticThreadCount(cores: 8, loadAverage: 3) == 2)
        #expect(BlazePoseOptions.automaticThreadCount(cores: 1, loadAverage: nil) == 1)
        #expect(BlazePoseOptions.automaticThreadCount(cores: 4, loadAverage: nil) == 2)
    }
}
