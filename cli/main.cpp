#include "cli/commands.h"

int main(int argc, char** argv) { return ecograph::cli::Main(argc, argv); }
