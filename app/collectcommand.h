#pragma once

#include "app/commandline.h"
#include "app/feedpipeline.h"
#include "app/subcommands.h"

namespace longshot::app {

// Builds the pipeline configuration shared by the GUI and the collector from the
// command line (endpoints, floor, stall window, database).
PipelineConfig pipelineConfigFrom(const CommandLineOptions &options, const storage::DatabaseConfig &database);

// `longshot collect`: the live pipeline without views until --run-for elapses or SIGINT /
// SIGTERM arrives; then flush, close, and print a one-line summary. Needs a QCoreApplication.

QString summaryLine(const PipelineSummary &summary);

} // namespace longshot::app
