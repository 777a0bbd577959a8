using SecComms.Core.Vulnerabilities.Cvss;

namespace SecComms.Core.Tests.Vulnerabilities;

public sealed class Cvss40Tests
{
    public static TheoryData<string, decimal, string> Reference => CvssReference.Load("cvss40-reference.txt");

    [Theory]
    [MemberData(nameof(Reference))]
    public void Scores_and_rates_the_reference_table(string vector, decimal expected, string severity)
    {
        var score = CvssCalculator.Score(vector);

        Assert.Equal((expected, severity), (score.BaseScore, score.Severity));
        Assert.Equal("4.0", score.Version);
    }

    [Theory]
    [InlineData("CVE-2022-41741 nginx mp4 module, FIRST v4.0 examples", "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3)]
    [InlineData("the most severe vector: the top of the lookup table", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0)]
    [InlineData("no impact on either system", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0)]
    public void Scores_the_published_example_and_the_extremes(string example, string vector, double expected)
    {
        Assert.True((decimal)expected == CvssCalculator.Score(vector).BaseScore, example);
    }

    /// <summary>
    /// Full vectors with every group filled in, safety impacts (MSI:S, MSA:S) among them; the expected ratings are those of the
    /// RedHatProductSecurity/cvss test suite, with the metrics put in the order the specification requires.
    /// </summary>
    [Theory]
    [InlineData("AV:L/AC:H/AT:P/PR:N/UI:P/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:P/CR:H/IR:L/AR:L/MAV:L/MAC:L/MAT:N/MPR:L/MUI:A/MVC:L/MVI:N/MVA:H/MSC:H/MSI:L/MSA:N/S:P/AU:N/R:A/V:D/RE:L/U:Red", "Low")]
    [InlineData("AV:L/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:H/SI:N/SA:N/E:A/CR:M/IR:M/AR:M/MAV:L/MAC:H/MAT:P/MPR:N/MUI:P/MVC:L/MVI:N/MVA:H/MSC:H/MSI:H/MSA:S/S:N/AU:Y/R:I/V:C/RE:M/U:Amber", "High")]
    [InlineData("AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:H/SC:H/SI:L/SA:H/E:A/CR:H/IR:M/AR:M/MAV:L/MAC:H/MAT:N/MPR:H/MUI:N/MVC:N/MVI:L/MVA:N/MSC:L/MSI:S/MSA:H/S:N/AU:Y/R:U/V:C/RE:M/U:Amber", "Medium")]
    [InlineData("AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/SC:L/SI:N/SA:H/E:U/CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:N/R:I/V:D/RE:M/U:Red", "Critical")]
    [InlineData("AV:L/AC:L/AT:P/PR:L/UI:A/VC:H/VI:H/VA:N/SC:H/SI:N/SA:N/E:P/CR:H/IR:H/AR:H/MAV:L/MAC:L/MAT:N/MPR:H/MUI:P/MVC:L/MVI:L/MVA:N/MSC:H/MSI:H/MSA:S/S:N/AU:Y/R:I/V:C/RE:L/U:Green", "Medium")]
    [InlineData("AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:N/VA:H/SC:L/SI:H/SA:H/E:P/CR:H/IR:H/AR:H/MAV:L/MAC:L/MAT:P/MPR:L/MUI:P/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N/S:P/AU:N/R:U/V:C/RE:H/U:Red", "None")]
    [InlineData("AV:A/AC:H/AT:P/PR:N/UI:P/VC:N/VI:L/VA:N/SC:H/SI:H/SA:N/E:P/CR:L/IR:L/AR:M/MAV:L/MAC:L/MAT:P/MPR:L/MUI:A/MVC:N/MVI:L/MVA:H/MSC:L/MSI:N/MSA:S/S:N/AU:N/R:A/V:C/RE:M/U:Green", "Low")]
    public void Environmental_and_supplemental_metrics_count_as_the_calculator_counts_them(string metrics, string severity)
    {
        Assert.Equal(severity, CvssCalculator.Score("CVSS:4.0/" + metrics).Severity);
    }

    [Fact]
    public void Supplemental_metrics_never_change_the_score()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L";

        var plain = CvssCalculator.Score(Base).BaseScore;
        var supplemented = CvssCalculator.Score(Base + "/S:P/AU:Y/R:I/V:C/RE:H/U:Amber").BaseScore;

        Assert.Equal(plain, supplemented);
    }

    [Fact]
    public void A_safety_impact_on_the_subsequent_system_raises_the_score()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";

        Assert.True(CvssCalculator.Score(Base + "/MSI:S").BaseScore >= CvssCalculator.Score(Base).BaseScore);
        Assert.Equal(10.0m, CvssCalculator.Score(Base + "/MSI:S/MSA:S").BaseScore);
    }

    [Fact]
    public void Threat_metrics_lower_the_score_as_exploitation_becomes_less_likely()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

        var attacked = CvssCalculator.Score(Base + "/E:A").BaseScore;
        var poc = CvssCalculator.Score(Base + "/E:P").BaseScore;
        var unreported = CvssCalculator.Score(Base + "/E:U").BaseScore;

        Assert.Equal(CvssCalculator.Score(Base).BaseScore, attacked);
        Assert.True(attacked > poc && poc > unreported, $"{attacked} > {poc} > {unreported}");
    }
}
