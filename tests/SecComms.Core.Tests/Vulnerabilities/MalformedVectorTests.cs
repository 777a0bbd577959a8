using SecComms.Core.Errors;
using SecComms.Core.Vulnerabilities.Cvss;

namespace SecComms.Core.Tests.Vulnerabilities;

public sealed class MalformedVectorTests
{
    private const string V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    private const string V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    private static string Refusal(string? vector)
    {
        Assert.False(CvssCalculator.TryScore(vector, out var score, out var error));
        Assert.Null(score);
        if (vector is not null)
        {
            var exception = Assert.Throws<ValidationException>(() => CvssCalculator.Score(vector));
            Assert.Equal([error], exception.Errors["vector"]);
        }
        return error;
    }

    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0 is not supported; use CVSS:3.1 or CVSS:4.0.")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:2.0 is not supported; use CVSS:3.1 or CVSS:4.0.")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/ (this one starts with 'AV:N').")]
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/ (this one starts with 'cvss:3.1').")]
    public void An_unknown_prefix_or_version_is_named(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_vector_is_refused(string? vector) =>
        Assert.StartsWith("vector is required", Refusal(vector), StringComparison.Ordinal);

    [Fact]
    public void An_overlong_vector_is_refused() =>
        Assert.StartsWith("vector must be at most 512 characters", Refusal(V31 + "/E:X".PadRight(600, 'X')), StringComparison.Ordinal);

    [Theory]
    [InlineData("CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV (Attack Vector) is missing.")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", "S (Scope) is missing.")]
    [InlineData("CVSS:3.1", "AV (Attack Vector), AC (Attack Complexity), PR (Privileges Required), UI (User Interaction), S (Scope), C (Confidentiality), I (Integrity), A (Availability) are missing.")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "SA (Subsequent System Availability) is missing.")]
    public void A_missing_base_metric_is_named(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Theory]
    [InlineData(V31 + "/AV:L", "AV (Attack Vector) is given more than once.")]
    [InlineData(V31 + "/E:P/E:H", "E (Exploit Code Maturity) is given more than once.")]
    [InlineData(V40 + "/SA:H", "SA (Subsequent System Availability) is given more than once.")]
    public void A_duplicated_metric_is_named(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Theory]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV (Attack Vector) cannot be 'X'; its values are N (Network), A (Adjacent), L (Local) or P (Physical).")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:P/S:U/C:H/I:H/A:H", "UI (User Interaction) cannot be 'P'; its values are N (None) or R (Required).")]
    [InlineData(V31 + "/MS:Q", "MS (Modified Scope) cannot be 'Q'; its values are X (Not Defined), U (Unchanged) or C (Changed).")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "UI (User Interaction) cannot be 'R'; its values are N (None), P (Passive) or A (Active).")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "SI (Subsequent System Integrity) cannot be 'S'; its values are H (High), L (Low) or N (None).")]
    [InlineData(V40 + "/U:red", "U (Provider Urgency) cannot be 'red'; its values are X (Not Defined), Clear, Green, Amber or Red.")]
    public void A_bad_value_names_the_metric_and_its_values(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Theory]
    [InlineData(V31 + "/AT:N", "AT is not a CVSS 3.1 metric.")]
    [InlineData(V40 + "/RL:O", "RL is not a CVSS 4.0 metric.")]
    [InlineData("CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "av is not a CVSS 3.1 metric.")]
    public void An_unknown_metric_is_named(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Theory]
    [InlineData(V31 + "/", "The vector has an empty metric: a doubled '/' or a '/' at the end.")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "The vector has an empty metric: a doubled '/' or a '/' at the end.")]
    [InlineData("CVSS:3.1/AV/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "'AV' is not a metric: each one is written NAME:VALUE, for example AV:N.")]
    [InlineData("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "'AV:' is not a metric: each one is written NAME:VALUE, for example AV:N.")]
    public void A_malformed_part_is_quoted(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Theory]
    [InlineData("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AV (Attack Vector) must come before AC (Attack Complexity): CVSS 4.0 vectors list their metrics in the order of the specification.")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N", "VI (Vulnerable System Integrity) must come before SC (Subsequent System Confidentiality): CVSS 4.0 vectors list their metrics in the order of the specification.")]
    [InlineData(V40 + "/CR:H/E:A", "E (Exploit Maturity) must come before CR (Confidentiality Requirement): CVSS 4.0 vectors list their metrics in the order of the specification.")]
    public void A_cvss40_vector_out_of_the_specification_order_is_refused(string vector, string message) =>
        Assert.Equal(message, Refusal(vector));

    [Fact]
    public void A_cvss31_vector_may_list_its_metrics_in_any_order() =>
        Assert.Equal(9.8m, CvssCalculator.Score("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N").BaseScore);
}
