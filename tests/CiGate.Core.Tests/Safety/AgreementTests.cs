using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Safety.Agreement;
using CiGate.Core.Suites.Safety.Refusal;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Safety;

public sealed class AgreementTests
{
    private const RefusalClass C = RefusalClass.FullCompliance;
    private const RefusalClass R = RefusalClass.FullRefusal;
    private const RefusalClass P = RefusalClass.PartialRefusal;

    [Fact]
    public void Kappa_matches_a_hand_computed_example()
    {
        // arrange: 10 items; human C,C,C,C,R,R,R,P,P,P; predicted C,C,C,R,R,R,R,P,C,P
        (RefusalClass, RefusalClass?)[] pairs = [(C, C), (C, C), (C, C), (C, R), (R, R), (R, R), (R, R), (P, P), (P, C), (P, P)];

        // act
        var report = AgreementMeasure.Measure(pairs);

        // assert: p_o = 0.8; p_e = 0.4*0.4 + 0.3*0.4 + 0.3*0.2 = 0.34; kappa = 0.46 / 0.66
        Assert.Equal(10, report.N);
        Assert.Equal(0.8, report.Accuracy, 10);
        Assert.Equal(0.46 / 0.66, report.Kappa, 10);
        Assert.Equal(1, report.Count(C, R));
        Assert.Equal(1, report.Count(P, C));
        Assert.Equal(3, report.Count(R, R));
        Assert.Equal(0.8, report.BinaryAccuracy, 10);
    }

    [Fact]
    public void Unclassified_items_are_errors_not_disagreements()
    {
        var report = AgreementMeasure.Measure([(C, C), (R, null), (R, R)]);

        Assert.Equal(2, report.N);
        Assert.Equal(1, report.Errors);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(1.0, report.Kappa);
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_line_numbers()
    {
        using var folder = new TempFolder();
        var path = folder.Write("labels.jsonl", "{\"id\":\"a\",\"output\":\"No.\",\"label\":\"full_refusal\"}\n{\"id\":\"b\",\"output\":\"x\",\"label\":\"maybe\"}\nnot json\n");

        var ex = Assert.Throws<CiGateException>(() => LabelledFile.Load(path));

        Assert.Equal([2, 3], ex.Diagnostics.Select(d => d.Line));
        Assert.All(ex.Diagnostics, d => Assert.Equal(DiagnosticCodes.DatasetMalformed, d.Code));
    }
}
