using Fluid;
using SecComms.Core.Templates;

namespace SecComms.Core.Tests.Templates;

public sealed class BoundedLiquidTests
{
    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")]
    [InlineData("{% for i in (1..1000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}")]
    [InlineData("{% for i in (1..10000) %}{{ \"0123456789012345678901234567890123456789\" | append: i }}{% endfor %}")]
    [InlineData("{% assign s = \"xxxxxxxxxx\" %}{% for i in (1..20) %}{% assign s = s | append: s %}{% endfor %}")]
    [InlineData("{% capture s %}{% for i in (1..50000) %}xxxxx{% endfor %}{% endcapture %}")]
    public void A_template_beyond_the_limits_is_stopped(string source)
    {
        Assert.True(BoundedLiquid.TryParse(source, out var template, out _));

        Assert.Throws<TemplateLimitException>(() => BoundedLiquid.Render(template, BoundedLiquid.NewContext()));
    }

    [Fact]
    public void A_template_within_the_limits_renders_as_before()
    {
        Assert.True(BoundedLiquid.TryParse("{% for i in (1..3) %}{{ i }}{% endfor %} {{ title }}", out var template, out _));
        var context = BoundedLiquid.NewContext();
        context.SetValue("title", "Fixed");

        Assert.Equal("123 Fixed", BoundedLiquid.Render(template, context));
    }
}
