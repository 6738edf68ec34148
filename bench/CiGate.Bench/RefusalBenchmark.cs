using System.Globalization;
using CiGate.Core.Suites.Safety.Agreement;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Bench;

/// <summary>
/// The offline refusal detector against XSTest's human-labelled completions of two models
/// (shared/datasets/xstest): agreement per model and per human class, the confusion matrix, the
/// same figures for XSTest's own string matcher, and the recall on refusals to violence and
/// self-harm prompts.
/// </summary>
internal static class RefusalBenchmark
{
    private static IReadOnlyList<string> Models => HeldOutRules.Models;

    public static int Run(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--misses")
        {
            return Misses(args[1]);
        }

        if (args.Length >= 2 && args[0] == "--dump")
        {
            return Dump(args[1]);
        }

        var folder = args.Length > 0 ? args[0] : Path.GetDirectoryName(DatasetLocator.Find("xstest/xstest_prompts.csv"))!;
        var binary = new List<double>();
        var matcher = new List<double>();
        foreach (var model in Models)
        {
            var items = LabelledCompletionsFile.Load(Path.Combine(folder, $"completions_{model}.csv"));
            var heldOut = HeldOutRules.For(model);
            var detector = Measure(items, i => RefusalDetector.Classify(i.Completion, heldOut).Class);
            var shipped = Measure(items, i => RefusalDetector.Classify(i.Completion).Class);
            var first = Measure(items, i => RefusalDetector.Classify(i.Completion, RefusalRules.FirstDetector).Class);
            var strings = Measure(items, i => XstestStringMatcher.Classify(i.Completion));
            binary.Add(detector.All.BinaryAccuracy);
            matcher.Add(strings.All.BinaryAccuracy);
            Print($"{model} (n={items.Count}): detector binary agreement {detector.All.BinaryAccuracy:0.000} "
                + $"(3-way {detector.All.Accuracy:0.000}, kappa {detector.All.Kappa:0.000}); "
                + $"string matcher {strings.All.BinaryAccuracy:0.000}");
            Print($"  rules {heldOut} (none written from {model}); for reference: first detector "
                + $"{first.All.BinaryAccuracy:0.000}, all rules (in-sample) {shipped.All.BinaryAccuracy:0.000}");
            Print($"  safety-critical refusals (violence/self-harm prompts, n={detector.Critical.HumanRefusals}): "
                + $"detector recall {detector.Critical.RefusalRecall:0.000}, string matcher {strings.Critical.RefusalRecall:0.000} "
                + $"(all rules, in-sample: {shipped.Critical.RefusalRecall:0.000})");
            Print("  detector:");
            Console.Write(AgreementTable.Confusion(detector.All, "    "));
            Print("  string matcher:");
            Console.Write(AgreementTable.Confusion(strings.All, "    "));
        }

        Print($"mean binary agreement: detector {binary.Average():0.000}, string matcher {matcher.Average():0.000}");
        OwnLabelSets();
        return 0;
    }

    // Development aid: one model's misses, with the families that may be written from that model.
    private static int Misses(string model)
    {
        var rules = HeldOutRules.InSample(model);
        var folder = Path.GetDirectoryName(DatasetLocator.Find("xstest/xstest_prompts.csv"))!;
        var items = LabelledCompletionsFile.Load(Path.Combine(folder, $"completions_{model}.csv"));
        var agree = 0;
        foreach (var item in items)
        {
            var verdict = RefusalDetector.Classify(item.Completion, rules);
            if (RefusalClasses.IsRefusal(verdict.Class) == RefusalClasses.IsRefusal(item.Label))
            {
                agree++;
                continue;
            }

            var text = item.Completion.Replace('\n', ' ');
            Print($"--- {item.Id} {item.Type} human={RefusalClasses.Name(item.Label)} detector={verdict.Name} ({verdict.Reason})");
            Print($"  Q: {item.Prompt}");
            Print($"  A: {(text.Length > 700 ? text[..700] + "..." : text)}");
        }

        Print($"{model} with {rules}: binary agreement {(double)agree / items.Count:0.000}");
        return 0;
    }

    // Development aid: every item's verdict under each rule set, tab-separated, for analysis.
    private static int Dump(string path)
    {
        var folder = Path.GetDirectoryName(DatasetLocator.Find("xstest/xstest_prompts.csv"))!;
        using var writer = new StreamWriter(path);
        writer.WriteLine("model\tid\ttype\tlabel\tmatcher\tfirst\theldout\tinsample\tall\tfor_llama\tfor_mistral\treason");
        foreach (var model in Models)
        {
            var items = LabelledCompletionsFile.Load(Path.Combine(folder, $"completions_{model}.csv"));
            foreach (var item in items)
            {
                string C(RefusalRules rules) => RefusalDetector.Classify(item.Completion, rules).Name;
                var heldOut = RefusalDetector.Classify(item.Completion, HeldOutRules.For(model));
                writer.WriteLine(string.Join('\t', model, item.Id, item.Type, RefusalClasses.Name(item.Label),
                    RefusalClasses.Name(XstestStringMatcher.Classify(item.Completion)), C(RefusalRules.FirstDetector),
                    heldOut.Name, C(HeldOutRules.InSample(model)), C(RefusalRules.All),
                    C(HeldOutRules.For(HeldOutRules.Llama2)), C(HeldOutRules.For(HeldOutRules.Mistral)),
                    heldOut.Reason.Replace('\t', ' ').Replace('\n', ' ')));
            }
        }

        return 0;
    }

    // The project's own written label sets (examples/safety), with their test floors beside them.
    private static void OwnLabelSets()
    {
        var examples = Path.Combine(RepositoryRoot(), "examples", "safety");
        var labels = LabelledFile.Load(Path.Combine(examples, "labels.jsonl"));
        var independent = LabelledFile.Load(Path.Combine(examples, "labels-independent.jsonl"));
        foreach (var (name, items, floor) in new[]
        {
            ("labels.jsonl dev", labels.Where(l => l.Split == "dev").ToList(), "0.97"),
            ("labels.jsonl heldout", labels.Where(l => l.Split == "heldout").ToList(), "0.92"),
            ("labels-independent.jsonl", independent.ToList(), "0.92"),
        })
        {
            var report = AgreementMeasure.Measure(items.Select(i => (i.Label, (RefusalClass?)RefusalDetector.Classify(i.Output).Class)));
            Print($"{name} (n={report.N}): 3-way {report.Accuracy:0.000} (floor {floor}), kappa {report.Kappa:0.000}, binary {report.BinaryAccuracy:0.000}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CiGate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CiGate.sln not found above the benchmark");
    }

    private static (AgreementReport All, AgreementReport Critical) Measure(
        IReadOnlyList<LabelledCompletion> items, Func<LabelledCompletion, RefusalClass> classify)
    {
        var pairs = items.Select(i => (Item: i, Predicted: classify(i))).ToList();
        var all = AgreementMeasure.Measure(pairs.Select(p => (p.Item.Label, (RefusalClass?)p.Predicted)));
        var critical = AgreementMeasure.Measure(pairs.Where(p => SafetyCriticalPrompts.IsViolenceOrSelfHarm(p.Item))
            .Select(p => (p.Item.Label, (RefusalClass?)p.Predicted)));
        return (all, critical);
    }

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
