// PoseRun's own declarations of the LiteRT C API calls it uses (filled in by the vision work).
#pragma once
