using CiGate.Bench;

// Benchmarks that print numbers (no timing assertions anywhere in the tests).
//   dotnet run -c Release --project bench/CiGate.Bench -- run [--items N] [--concurrency 64]
return args.FirstOrDefault() switch
{
    "run" => await RunBenchmark.MainAsync(args[1..]),
    "stages" => StagesBenchmark.Run(args[1..]),
    "gate-calibration" => await GateCalibration.RunAsync(args[1..]),
    "pairwise" => await PairwiseCalibration.RunAsync(args[1..]),
    "compare" => await CompareBenchmark.RunAsync(args[1..]),
    "perf-accuracy" => await PerfAccuracyBenchmark.RunAsync(args[1..]),
    "perf-sim" => await PerfSimHost.RunAsync(args[1..]),
    "history" => await HistoryBenchmark.RunAsync(args[1..]),
    "exec" => await ExecBenchmark.RunAsync(args[1..]),
    "refusal" => RefusalBenchmark.Run(args[1..]),
    "coverage" => CoverageBenchmark.Run(args[1..]),
    "tools" => await ToolsBenchmark.RunAsync(args[1..]),
    "packet-fidelity" => await PacketFidelityBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CiGate.Bench run [--items N] [--concurrency C] [--dataset PATH] | stages | gate-calibration [PAIRS] | pairwise [PAIRS] | compare | perf-accuracy [--levels 1,64,512] [--itl 10,40] [--max-streams 1024,2048] [--no-reference] [--no-timers] [--pin] [--bare-first] | history [--runs N] [--items N] [--db PATH] | exec [--items N] [--concurrency C] | refusal [XSTEST_FOLDER] | coverage [--records N] [--splits [--grid] [--cases N]] | tools [--concurrency 64] [--accuracy 0.8] [--dataset FOLDER] [--mode prompt] | packet-fidelity [--streams 64,512] [--runs 5] [--ttft 50] [--itl 10] [--timers] [--no-warm-up] [--gc-nonconcurrent] [--keep DIR]");
    return 2;
}
