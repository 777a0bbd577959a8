using static SecComms.Core.Vulnerabilities.Cvss.Cvss40Tables;

namespace SecComms.Core.Vulnerabilities.Cvss;

/// <summary>
/// CVSS v4.0 score, per the FIRST specification and its reference calculator: the vector falls into a macro vector (EQ1…EQ6)
/// whose score comes from the lookup table, and is lowered by its mean proportional distance from the most severe vectors of
/// that macro vector towards the next lower ones.
/// </summary>
/// <remarks>
/// Threat (E) and environmental metrics take part as the specification says, so a vector carrying them is scored as
/// CVSS-BT, CVSS-BE or CVSS-BTE; supplemental metrics never change the score. The arithmetic is decimal so that a score
/// exactly half-way between two tenths rounds up, as the specification intends, instead of down by a binary rounding error.
/// </remarks>
internal static class Cvss40
{
    public const string Version = "4.0";

    private static readonly string[] Impacts = ["VC", "VI", "VA", "SC", "SI", "SA"];

    /// <remarks>A v4.0 vector must list its metrics in this order (specification, section 7): base, threat, environmental, supplemental.</remarks>
    public static readonly IReadOnlyList<CvssMetric> Metrics =
    [
        CvssMetric.Base("AV", "Attack Vector", "N=Network", "A=Adjacent", "L=Local", "P=Physical"),
        CvssMetric.Base("AC", "Attack Complexity", "L=Low", "H=High"),
        CvssMetric.Base("AT", "Attack Requirements", "N=None", "P=Present"),
        CvssMetric.Base("PR", "Privileges Required", "N=None", "L=Low", "H=High"),
        CvssMetric.Base("UI", "User Interaction", "N=None", "P=Passive", "A=Active"),
        CvssMetric.Base("VC", "Vulnerable System Confidentiality", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("VI", "Vulnerable System Integrity", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("VA", "Vulnerable System Availability", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("SC", "Subsequent System Confidentiality", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("SI", "Subsequent System Integrity", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("SA", "Subsequent System Availability", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("E", "Exploit Maturity", "A=Attacked", "P=POC", "U=Unreported"),
        CvssMetric.Optional("CR", "Confidentiality Requirement", "H=High", "M=Medium", "L=Low"),
        CvssMetric.Optional("IR", "Integrity Requirement", "H=High", "M=Medium", "L=Low"),
        CvssMetric.Optional("AR", "Availability Requirement", "H=High", "M=Medium", "L=Low"),
        CvssMetric.Optional("MAV", "Modified Attack Vector", "N=Network", "A=Adjacent", "L=Local", "P=Physical"),
        CvssMetric.Optional("MAC", "Modified Attack Complexity", "L=Low", "H=High"),
        CvssMetric.Optional("MAT", "Modified Attack Requirements", "N=None", "P=Present"),
        CvssMetric.Optional("MPR", "Modified Privileges Required", "N=None", "L=Low", "H=High"),
        CvssMetric.Optional("MUI", "Modified User Interaction", "N=None", "P=Passive", "A=Active"),
        CvssMetric.Optional("MVC", "Modified Vulnerable System Confidentiality", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("MVI", "Modified Vulnerable System Integrity", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("MVA", "Modified Vulnerable System Availability", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("MSC", "Modified Subsequent System Confidentiality", "H=High", "L=Low", "N=Negligible"),
        CvssMetric.Optional("MSI", "Modified Subsequent System Integrity", "S=Safety", "H=High", "L=Low", "N=Negligible"),
        CvssMetric.Optional("MSA", "Modified Subsequent System Availability", "S=Safety", "H=High", "L=Low", "N=Negligible"),
        CvssMetric.Optional("S", "Safety", "N=Negligible", "P=Present"),
        CvssMetric.Optional("AU", "Automatable", "N=No", "Y=Yes"),
        CvssMetric.Optional("R", "Recovery", "A=Automatic", "U=User", "I=Irrecoverable"),
        CvssMetric.Optional("V", "Value Density", "D=Diffuse", "C=Concentrated"),
        CvssMetric.Optional("RE", "Vulnerability Response Effort", "L=Low", "M=Moderate", "H=High"),
        CvssMetric.Optional("U", "Provider Urgency", "Clear", "Green", "Amber", "Red"),
    ];

    public static decimal Score(IReadOnlyDictionary<string, string> vector)
    {
        string M(string metric) => Effective(vector, metric);
        if (Impacts.All(i => M(i) == "N"))
        {
            return 0m;
        }

        var eq = MacroVector(M);
        var score = MacroVectorScores[Key(eq)];
        var max = MostSevereAbove(M, eq);
        decimal Distance(params string[] metrics) => metrics.Sum(m => SeverityLevels[m][M(m)] - SeverityLevels[m][max[m]]);

        var lowered = new List<decimal>();
        void Lower(decimal? lowerScore, decimal distance, int depth)
        {
            if (lowerScore is { } lower)
            {
                lowered.Add((score - lower) * distance / (depth / 10m));
            }
        }
        Lower(ScoreOf(eq, 0), Distance("AV", "PR", "UI"), Eq1Depth[eq[0]]);
        Lower(ScoreOf(eq, 1), Distance("AC", "AT"), Eq2Depth[eq[1]]);
        Lower(NextLowerEq3Eq6(eq), Distance("VC", "VI", "VA", "CR", "IR", "AR"), Eq3Eq6Depth[eq[2]][eq[5]]);
        Lower(ScoreOf(eq, 3), Distance("SC", "SI", "SA"), Eq4Depth[eq[3]]);
        // Within an EQ5 level every vector is equally severe, so its step counts in the mean without lowering the score.
        if (ScoreOf(eq, 4) is not null)
        {
            lowered.Add(0m);
        }

        var value = Math.Clamp(score - (lowered.Count == 0 ? 0m : lowered.Sum() / lowered.Count), 0m, 10m);
        // Rounding to 10 places first drops the remainders of the divisions by 3, 7…, which must not decide a tie.
        return Math.Round(Math.Round(value, 10), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The value a metric counts with: the modified (environmental) value where one is given, and the most severe value for a
    /// threat or security requirement left Not Defined.
    /// </summary>
    private static string Effective(IReadOnlyDictionary<string, string> vector, string metric)
    {
        var selected = vector.GetValueOrDefault(metric, "X");
        if (selected == "X" && metric is "E")
        {
            return "A";
        }
        if (selected == "X" && metric is "CR" or "IR" or "AR")
        {
            return "H";
        }
        return vector.TryGetValue("M" + metric, out var modified) && modified != "X" ? modified : selected;
    }

    private static int[] MacroVector(Func<string, string> m)
    {
        var eq1 = (m("AV"), m("PR"), m("UI")) switch
        {
            ("N", "N", "N") => 0,
            (var av, var pr, var ui) when av != "P" && (av == "N" || pr == "N" || ui == "N") => 1,
            _ => 2,
        };
        var eq2 = m("AC") == "L" && m("AT") == "N" ? 0 : 1;
        var eq3 = m("VC") == "H" && m("VI") == "H" ? 0 : m("VC") == "H" || m("VI") == "H" || m("VA") == "H" ? 1 : 2;
        var eq4 = m("MSI") == "S" || m("MSA") == "S" ? 0 : m("SC") == "H" || m("SI") == "H" || m("SA") == "H" ? 1 : 2;
        var eq5 = m("E") switch { "A" => 0, "P" => 1, _ => 2 };
        var eq6 = (m("CR") == "H" && m("VC") == "H") || (m("IR") == "H" && m("VI") == "H") || (m("AR") == "H" && m("VA") == "H") ? 0 : 1;
        return [eq1, eq2, eq3, eq4, eq5, eq6];
    }

    /// <summary>The first of the macro vector's most severe vectors that is at least as severe as the scored one in every metric.</summary>
    private static Dictionary<string, string> MostSevereAbove(Func<string, string> m, int[] eq)
    {
        var candidates =
            from eq1 in Eq1Maxes[eq[0]]
            from eq2 in Eq2Maxes[eq[1]]
            from eq3eq6 in Eq3Eq6Maxes[eq[2]][eq[5]]
            from eq4 in Eq4Maxes[eq[3]]
            from eq5 in Eq5Maxes[eq[4]]
            select string.Join('/', eq1, eq2, eq3eq6, eq4, eq5).Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);
        Dictionary<string, string>? last = null;
        foreach (var candidate in candidates)
        {
            last = candidate;
            if (SeverityLevels.All(l => l.Value[m(l.Key)] >= l.Value[candidate[l.Key]]))
            {
                return candidate;
            }
        }
        return last ?? throw new InvalidOperationException("Every macro vector has a most severe vector.");
    }

    private static decimal? ScoreOf(int[] eq, int lowered)
    {
        var next = (int[])eq.Clone();
        next[lowered]++;
        return MacroVectorScores.TryGetValue(Key(next), out var score) ? score : null;
    }

    /// <summary>EQ3 and EQ6 step down together: from 00 either to 01 or to 10 (the higher of the two), then to 11, then to 21.</summary>
    private static decimal? NextLowerEq3Eq6(int[] eq) => (eq[2], eq[5]) switch
    {
        (0, 0) => Max(ScoreOf(eq, 5), ScoreOf(eq, 2)),
        (1, 0) => ScoreOf(eq, 5),
        (_, 1) => ScoreOf(eq, 2),
        _ => null,
    };

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string Key(int[] eq) => string.Concat(eq);
}
