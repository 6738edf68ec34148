namespace CiGate.Core.Text;

/// <summary>
/// Orders ids as people read them: runs of digits by their value ("q2" before "q10", "70" before
/// "100"), everything else ordinally. Ties in value ("007" and "7") fall back to ordinal order, so
/// the order is total and stable across runs.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                while (i < x.Length && x[i] == '0')
                {
                    i++;
                }

                while (j < y.Length && y[j] == '0')
                {
                    j++;
                }

                var (xDigits, yDigits) = (i, j);
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                // Without leading zeros, a longer run is a larger number; same length compares digit by digit.
                var byLength = (i - xDigits).CompareTo(j - yDigits);
                if (byLength != 0)
                {
                    return byLength;
                }

                var byDigits = string.CompareOrdinal(x, xDigits, y, yDigits, i - xDigits);
                if (byDigits != 0)
                {
                    return byDigits;
                }

                continue;
            }

            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
            {
                return byChar;
            }

            i++;
            j++;
        }

        var byRest = (x.Length - i).CompareTo(y.Length - j);
        return byRest != 0 ? byRest : string.CompareOrdinal(x, y);
    }
}
