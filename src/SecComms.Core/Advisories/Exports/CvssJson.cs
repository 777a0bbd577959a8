using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>
/// A CVSS score as the FIRST JSON object (<c>cvss-v3.1.json</c>, <c>cvss-v4.0.json</c>), the form CSAF and CVE records
/// embed: the vector, the base score and severity, and each metric of the vector spelled out.
/// </summary>
internal static class CvssJson
{
    private static readonly Dictionary<string, string> Cia = new() { ["N"] = "NONE", ["L"] = "LOW", ["H"] = "HIGH" };
    private static readonly Dictionary<string, string> ModifiedCia = With(Cia);
    private static readonly Dictionary<string, string> Requirement = new() { ["X"] = "NOT_DEFINED", ["L"] = "LOW", ["M"] = "MEDIUM", ["H"] = "HIGH" };
    private static readonly Dictionary<string, string> Privileges = new() { ["N"] = "NONE", ["L"] = "LOW", ["H"] = "HIGH" };
    private static readonly Dictionary<string, string> Complexity = new() { ["L"] = "LOW", ["H"] = "HIGH" };

    private static readonly Dictionary<string, string> V3Vector = new() { ["N"] = "NETWORK", ["A"] = "ADJACENT_NETWORK", ["L"] = "LOCAL", ["P"] = "PHYSICAL" };
    private static readonly Dictionary<string, string> V3Interaction = new() { ["N"] = "NONE", ["R"] = "REQUIRED" };
    private static readonly Dictionary<string, string> V3Scope = new() { ["U"] = "UNCHANGED", ["C"] = "CHANGED" };

    private static readonly Dictionary<string, (string Name, Dictionary<string, string> Values)> V31 = new()
    {
        ["AV"] = ("attackVector", V3Vector),
        ["AC"] = ("attackComplexity", Complexity),
        ["PR"] = ("privilegesRequired", Privileges),
        ["UI"] = ("userInteraction", V3Interaction),
        ["S"] = ("scope", V3Scope),
        ["C"] = ("confidentialityImpact", Cia),
        ["I"] = ("integrityImpact", Cia),
        ["A"] = ("availabilityImpact", Cia),
        ["E"] = ("exploitCodeMaturity", new() { ["X"] = "NOT_DEFINED", ["U"] = "UNPROVEN", ["P"] = "PROOF_OF_CONCEPT", ["F"] = "FUNCTIONAL", ["H"] = "HIGH" }),
        ["RL"] = ("remediationLevel", new() { ["X"] = "NOT_DEFINED", ["O"] = "OFFICIAL_FIX", ["T"] = "TEMPORARY_FIX", ["W"] = "WORKAROUND", ["U"] = "UNAVAILABLE" }),
        ["RC"] = ("reportConfidence", new() { ["X"] = "NOT_DEFINED", ["U"] = "UNKNOWN", ["R"] = "REASONABLE", ["C"] = "CONFIRMED" }),
        ["CR"] = ("confidentialityRequirement", Requirement),
        ["IR"] = ("integrityRequirement", Requirement),
        ["AR"] = ("availabilityRequirement", Requirement),
        ["MAV"] = ("modifiedAttackVector", With(V3Vector)),
        ["MAC"] = ("modifiedAttackComplexity", With(Complexity)),
        ["MPR"] = ("modifiedPrivilegesRequired", With(Privileges)),
        ["MUI"] = ("modifiedUserInteraction", With(V3Interaction)),
        ["MS"] = ("modifiedScope", With(V3Scope)),
        ["MC"] = ("modifiedConfidentialityImpact", ModifiedCia),
        ["MI"] = ("modifiedIntegrityImpact", ModifiedCia),
        ["MA"] = ("modifiedAvailabilityImpact", ModifiedCia),
    };

    private static readonly Dictionary<string, string> V4Vector = new() { ["N"] = "NETWORK", ["A"] = "ADJACENT", ["L"] = "LOCAL", ["P"] = "PHYSICAL" };
    private static readonly Dictionary<string, string> V4Requirements = new() { ["N"] = "NONE", ["P"] = "PRESENT" };
    private static readonly Dictionary<string, string> V4Interaction = new() { ["N"] = "NONE", ["P"] = "PASSIVE", ["A"] = "ACTIVE" };
    private static readonly Dictionary<string, string> V4SubsequentModified = new() { ["X"] = "NOT_DEFINED", ["N"] = "NONE", ["L"] = "LOW", ["H"] = "HIGH", ["S"] = "SAFETY" };

    private static readonly Dictionary<string, (string Name, Dictionary<string, string> Values)> V40 = new()
    {
        ["AV"] = ("attackVector", V4Vector),
        ["AC"] = ("attackComplexity", Complexity),
        ["AT"] = ("attackRequirements", V4Requirements),
        ["PR"] = ("privilegesRequired", Privileges),
        ["UI"] = ("userInteraction", V4Interaction),
        ["VC"] = ("vulnConfidentialityImpact", Cia),
        ["VI"] = ("vulnIntegrityImpact", Cia),
        ["VA"] = ("vulnAvailabilityImpact", Cia),
        ["SC"] = ("subConfidentialityImpact", Cia),
        ["SI"] = ("subIntegrityImpact", Cia),
        ["SA"] = ("subAvailabilityImpact", Cia),
        ["E"] = ("exploitMaturity", new() { ["X"] = "NOT_DEFINED", ["A"] = "ATTACKED", ["P"] = "PROOF_OF_CONCEPT", ["U"] = "UNREPORTED" }),
        ["CR"] = ("confidentialityRequirement", Requirement),
        ["IR"] = ("integrityRequirement", Requirement),
        ["AR"] = ("availabilityRequirement", Requirement),
        ["MAV"] = ("modifiedAttackVector", With(V4Vector)),
        ["MAC"] = ("modifiedAttackComplexity", With(Complexity)),
        ["MAT"] = ("modifiedAttackRequirements", With(V4Requirements)),
        ["MPR"] = ("modifiedPrivilegesRequired", With(Privileges)),
        ["MUI"] = ("modifiedUserInteraction", With(V4Interaction)),
        ["MVC"] = ("modifiedVulnConfidentialityImpact", ModifiedCia),
        ["MVI"] = ("modifiedVulnIntegrityImpact", ModifiedCia),
        ["MVA"] = ("modifiedVulnAvailabilityImpact", ModifiedCia),
        ["MSC"] = ("modifiedSubConfidentialityImpact", ModifiedCia),
        ["MSI"] = ("modifiedSubIntegrityImpact", V4SubsequentModified),
        ["MSA"] = ("modifiedSubAvailabilityImpact", V4SubsequentModified),
        ["S"] = ("Safety", new() { ["X"] = "NOT_DEFINED", ["N"] = "NEGLIGIBLE", ["P"] = "PRESENT" }),
        ["AU"] = ("Automatable", new() { ["X"] = "NOT_DEFINED", ["N"] = "NO", ["Y"] = "YES" }),
        ["R"] = ("Recovery", new() { ["X"] = "NOT_DEFINED", ["A"] = "AUTOMATIC", ["U"] = "USER", ["I"] = "IRRECOVERABLE" }),
        ["V"] = ("valueDensity", new() { ["X"] = "NOT_DEFINED", ["D"] = "DIFFUSE", ["C"] = "CONCENTRATED" }),
        ["RE"] = ("vulnerabilityResponseEffort", new() { ["X"] = "NOT_DEFINED", ["L"] = "LOW", ["M"] = "MODERATE", ["H"] = "HIGH" }),
        ["U"] = ("providerUrgency", new() { ["X"] = "NOT_DEFINED", ["Clear"] = "CLEAR", ["Green"] = "GREEN", ["Amber"] = "AMBER", ["Red"] = "RED" }),
    };

    /// <summary>The FIRST CVSS JSON object for <paramref name="cvss"/>, version 3.1 or 4.0.</summary>
    public static JsonObject Write(AdvisoryCvss cvss)
    {
        var metrics = cvss.Version == "3.1" ? V31 : V40;
        var json = new JsonObject
        {
            ["version"] = cvss.Version,
            ["vectorString"] = cvss.Vector,
            ["baseScore"] = Score(cvss.BaseScore),
            ["baseSeverity"] = cvss.Severity.ToUpperInvariant(),
        };
        foreach (var (key, value) in Metrics(cvss.Vector))
        {
            var (name, values) = metrics[key];
            json[name] = values[value];
        }
        return json;
    }

    /// <summary>The problem with <paramref name="cvss"/>'s vector, or null when every metric is known.</summary>
    public static string? Problem(AdvisoryCvss cvss)
    {
        var prefix = "CVSS:" + cvss.Version + "/";
        if (!cvss.Vector.StartsWith(prefix, StringComparison.Ordinal))
        {
            return $"The vector must start with {prefix}.";
        }
        var metrics = cvss.Version == "3.1" ? V31 : V40;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in cvss.Vector[prefix.Length..].Split('/'))
        {
            var pair = part.Split(':');
            if (pair.Length != 2 || !metrics.TryGetValue(pair[0], out var metric))
            {
                return $"'{part}' is not a CVSS {cvss.Version} metric.";
            }
            if (!metric.Values.ContainsKey(pair[1]))
            {
                return $"'{pair[1]}' is not a value of the CVSS {cvss.Version} metric {pair[0]}.";
            }
            if (!seen.Add(pair[0]))
            {
                return $"The metric {pair[0]} appears twice.";
            }
        }
        return null;
    }

    /// <summary>A score as a JSON number with one decimal and no trailing zeros, as the schemas enumerate them.</summary>
    public static double Score(decimal score) => (double)Math.Round(score, 1, MidpointRounding.AwayFromZero);

    private static IEnumerable<(string Key, string Value)> Metrics(string vector) =>
        vector.Split('/').Skip(1).Select(part => part.Split(':')).Select(pair => (pair[0], pair[1]));

    private static Dictionary<string, string> With(Dictionary<string, string> values) =>
        new(values) { ["X"] = "NOT_DEFINED" };
}
