// PoseRunPipeline: the application logic that `poserun` and the coaches' web app share.
//
//   InputRequest.load      a path → AnalysisInput (a keypoint or motion-capture file, or a video through BlazePose)
//   AnalysisJob.analyze    AnalysisInput → the whole Analysis, built once (Core's Analyzer), or why there is none
//   AnalysisJob.outputs    the report, its player, the keypoints, the annotated video → [OutputItem]
//   OutputFolder.write     staged, then renamed: all or nothing (PoseRunFormats)
//
// Nothing here parses arguments or prints: the callers do, from the values returned.
