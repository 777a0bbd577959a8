using SecComms.Core.Vulnerabilities.Cvss;

namespace SecComms.Core.Tests.Vulnerabilities;

public sealed class Cvss31Tests
{
    public static TheoryData<string, decimal, string> Reference => CvssReference.Load("cvss31-reference.txt");

    /// <summary>The scored examples of the FIRST "CVSS v3.1: Examples" document.</summary>
    public static TheoryData<string, string, decimal> SpecificationExamples => new()
    {
        { "CVE-2013-0375 MySQL stored SQL injection", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4m },
        { "CVE-2014-3566 SSLv3 POODLE", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1m },
        { "CVE-2012-1516 VMware guest to host escape", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9m },
        { "CVE-2009-0783 Apache Tomcat XML parser", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2m },
        { "CVE-2012-0384 Cisco IOS command execution", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2m },
        { "CVE-2015-1098 Apple iWork denial of service", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8m },
        { "CVE-2014-0160 OpenSSL Heartbleed", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5m },
        { "CVE-2008-1447 DNS Kaminsky bug", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8m },
        { "CVE-2014-2005 Sophos login screen bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8m },
        { "CVE-2010-0467 Joomla directory traversal", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8m },
        { "CVE-2012-1342 Cisco access control bypass", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8m },
        { "CVE-2013-6014 Juniper proxy ARP denial of service", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3m },
        { "CVE-2011-1265 Windows Bluetooth code execution", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8m },
        { "CVE-2014-2019 Apple iOS security control bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6m },
        { "CVE-2015-0970 SearchBlox cross-site request forgery", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8m },
        { "CVE-2014-0224 SSL/TLS MITM", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4m },
        { "CVE-2012-5376 Google Chrome sandbox bypass", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6m },
        { "CVE-2016-0128 Badlock SAMR/LSAD", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8m },
        { "CVE-2016-2118 Badlock SAMR/LSAD", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5m },
        { "CVE-2019-7551 Cantemo Portal stored XSS", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 9.0m },
        { "CVE-2017-5942 WordPress mail plugin reflected XSS", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1m },
        { "CVE-2016-5558 Oracle Outside In code execution", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 8.6m },
        { "CVE-2016-5729 Lenovo ThinkPwn", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2m },
        { "CVE-2015-2890 Flash not locked on resume", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 6.0m },
        { "CVE-2018-3652 Intel DCI", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6m },
        { "CVE-2019-0884 Scripting engine memory corruption", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2m },
    };

    [Theory]
    [MemberData(nameof(SpecificationExamples))]
    public void Scores_the_examples_published_with_the_specification(string example, string vector, decimal expected)
    {
        var score = CvssCalculator.Score(vector);

        Assert.True(expected == score.BaseScore, $"{example}: expected {expected}, got {score.BaseScore}");
        Assert.Equal("3.1", score.Version);
    }

    [Theory]
    [MemberData(nameof(Reference))]
    public void Scores_and_rates_the_reference_table(string vector, decimal expected, string severity)
    {
        var score = CvssCalculator.Score(vector);

        Assert.Equal((expected, severity), (score.BaseScore, score.Severity));
    }

    [Fact]
    public void Roundup_follows_appendix_a_and_ignores_floating_point_noise()
    {
        Assert.Equal(41, Cvss31.Roundup(4.02));
        Assert.Equal(40, Cvss31.Roundup(4.0));
        Assert.Equal(40, Cvss31.Roundup(4.000000000000001));
        Assert.Equal(100, Cvss31.Roundup(9.99));
    }

    [Fact]
    public void Temporal_and_environmental_metrics_are_accepted_in_any_order_and_the_base_score_is_reported()
    {
        var score = CvssCalculator.Score("CVSS:3.1/S:C/AV:N/AC:L/PR:N/UI:R/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/IR:X/AR:L/MAV:L/MAC:H/MPR:H/MUI:N/MS:U/MC:L/MI:N/MA:X");

        Assert.Equal(9.6m, score.BaseScore);
        Assert.Equal("Critical", score.Severity);
    }

    [Fact]
    public void The_vector_is_kept_as_given_without_surrounding_space()
    {
        var score = CvssCalculator.Score("  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H \n");

        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score.Vector);
        Assert.Equal((9.8m, "Critical"), (score.BaseScore, score.Severity));
    }
}
