namespace SecComms.Core.Vulnerabilities.Cvss;

/// <summary>The score computed from a CVSS vector.</summary>
/// <param name="Version">"3.1" or "4.0".</param>
/// <param name="BaseScore">0.0 to 10.0, one decimal. For 4.0 the threat and environmental metrics in the vector count (CVSS-BT, CVSS-BE, CVSS-BTE).</param>
/// <param name="Severity">The specification's qualitative rating: None, Low, Medium, High or Critical.</param>
/// <param name="Vector">The vector as given, trimmed.</param>
public sealed record CvssScore(string Version, decimal BaseScore, string Severity, string Vector);
