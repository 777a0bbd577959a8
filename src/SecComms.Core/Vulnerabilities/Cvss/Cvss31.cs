namespace SecComms.Core.Vulnerabilities.Cvss;

/// <summary>CVSS v3.1 base score, per the FIRST specification (section 7.1 and Appendix A).</summary>
/// <remarks>
/// Temporal and environmental metrics are checked but do not change the score reported: the product records the base score
/// the vendor publishes, and leaves the others to each customer.
/// </remarks>
internal static class Cvss31
{
    public const string Version = "3.1";

    /// <remarks>Readers of v3.1 vectors must accept the metrics in any order (specification, section 6); this order is the preferred one.</remarks>
    public static readonly IReadOnlyList<CvssMetric> Metrics =
    [
        CvssMetric.Base("AV", "Attack Vector", "N=Network", "A=Adjacent", "L=Local", "P=Physical"),
        CvssMetric.Base("AC", "Attack Complexity", "L=Low", "H=High"),
        CvssMetric.Base("PR", "Privileges Required", "N=None", "L=Low", "H=High"),
        CvssMetric.Base("UI", "User Interaction", "N=None", "R=Required"),
        CvssMetric.Base("S", "Scope", "U=Unchanged", "C=Changed"),
        CvssMetric.Base("C", "Confidentiality", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("I", "Integrity", "H=High", "L=Low", "N=None"),
        CvssMetric.Base("A", "Availability", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("E", "Exploit Code Maturity", "H=High", "F=Functional", "P=Proof-of-Concept", "U=Unproven"),
        CvssMetric.Optional("RL", "Remediation Level", "U=Unavailable", "W=Workaround", "T=Temporary Fix", "O=Official Fix"),
        CvssMetric.Optional("RC", "Report Confidence", "C=Confirmed", "R=Reasonable", "U=Unknown"),
        CvssMetric.Optional("CR", "Confidentiality Requirement", "H=High", "M=Medium", "L=Low"),
        CvssMetric.Optional("IR", "Integrity Requirement", "H=High", "M=Medium", "L=Low"),
        CvssMetric.Optional("AR", "Availability Requirement", "H=High", "M=Medium", "L=Low"),
        CvssMetric.Optional("MAV", "Modified Attack Vector", "N=Network", "A=Adjacent", "L=Local", "P=Physical"),
        CvssMetric.Optional("MAC", "Modified Attack Complexity", "L=Low", "H=High"),
        CvssMetric.Optional("MPR", "Modified Privileges Required", "N=None", "L=Low", "H=High"),
        CvssMetric.Optional("MUI", "Modified User Interaction", "N=None", "R=Required"),
        CvssMetric.Optional("MS", "Modified Scope", "U=Unchanged", "C=Changed"),
        CvssMetric.Optional("MC", "Modified Confidentiality", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("MI", "Modified Integrity", "H=High", "L=Low", "N=None"),
        CvssMetric.Optional("MA", "Modified Availability", "H=High", "L=Low", "N=None"),
    ];

    private static double AttackVector(string value) => value switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 };

    private static double AttackComplexity(string value) => value == "L" ? 0.77 : 0.44;

    private static double PrivilegesRequired(string value, bool scopeChanged) => value switch
    {
        "N" => 0.85,
        "L" => scopeChanged ? 0.68 : 0.62,
        _ => scopeChanged ? 0.5 : 0.27,
    };

    private static double UserInteraction(string value) => value == "N" ? 0.85 : 0.62;

    private static double Impact(string value) => value switch { "H" => 0.56, "L" => 0.22, _ => 0 };

    public static decimal BaseScore(IReadOnlyDictionary<string, string> m)
    {
        var scopeChanged = m["S"] == "C";
        var iss = 1 - ((1 - Impact(m["C"])) * (1 - Impact(m["I"])) * (1 - Impact(m["A"])));
        var impact = scopeChanged ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * AttackVector(m["AV"]) * AttackComplexity(m["AC"]) * PrivilegesRequired(m["PR"], scopeChanged)
            * UserInteraction(m["UI"]);
        if (impact <= 0)
        {
            return 0m;
        }
        var score = scopeChanged ? Roundup(Math.Min(1.08 * (impact + exploitability), 10)) : Roundup(Math.Min(impact + exploitability, 10));
        return score / 10m;
    }

    /// <summary>
    /// The specification's Roundup (Appendix A): the smallest number of one decimal that is at least the input, computed on
    /// integers so that floating-point noise such as 4.000000000000001 does not become 4.1.
    /// </summary>
    /// <returns>The result in tenths.</returns>
    internal static int Roundup(double input)
    {
        var scaled = (long)Math.Round(input * 100_000, MidpointRounding.AwayFromZero);
        return (int)(scaled % 10_000 == 0 ? scaled / 10_000 : (scaled / 10_000) + 1);
    }
}
