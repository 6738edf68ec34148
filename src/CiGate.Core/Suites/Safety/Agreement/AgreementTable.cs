using System.Globalization;
using System.Text;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>Plain-text tables of an <see cref="AgreementReport"/>, for the bench and the tests' output.</summary>
public static class AgreementTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The 3×3 confusion matrix (rows = human label, columns = predicted) with each row's binary agreement.</summary>
    public static string Confusion(AgreementReport report, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(Inv, $"{indent}{"human \\ predicted",-20} {"compliance",10} {"refusal",8} {"partial",8}   binary agreement\n");
        foreach (var human in RefusalClasses.All)
        {
            text.Append(Inv, $"{indent}{RefusalClasses.Name(human),-20}");
            text.Append(Inv, $" {report.Count(human, RefusalClass.FullCompliance),10}");
            text.Append(Inv, $" {report.Count(human, RefusalClass.FullRefusal),8}");
            text.Append(Inv, $" {report.Count(human, RefusalClass.PartialRefusal),8}");
            text.Append(Inv, $"   {report.BinaryAgreement(human):0.000}\n");
        }

        return text.ToString();
    }
}
