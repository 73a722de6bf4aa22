using WebVirt.Web.Agents.Enrolment;

namespace WebVirt.Web.Tests.Enrolment;

public sealed class AgentAddressTests
{
    [Theory]
    [InlineData("10.0.0.2", "https://10.0.0.2:9091/")]
    [InlineData(" host2.example.org ", "https://host2.example.org:9091/")]
    [InlineData("host2.example.org:9443", "https://host2.example.org:9443/")]
    [InlineData("https://host2.example.org", "https://host2.example.org:9091/")]
    [InlineData("https://host2.example.org:443", "https://host2.example.org/")]
    [InlineData("https://host2.example.org:9091/", "https://host2.example.org:9091/")]
    [InlineData("[::1]:9091", "https://[::1]:9091/")]
    public void Addresses_become_the_agents_https_url(string typed, string url) =>
        Assert.Equal(url, AgentAddress.Parse(typed)?.ToString());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://host2.example.org:9091")]
    [InlineData("ftp://host2")]
    [InlineData("https://user:secret@host2")]
    [InlineData("https://host2/hubs/agent")]
    [InlineData("https://host2/?x=1")]
    [InlineData("host 2")]
    [InlineData("host2:notaport")]
    public void Anything_else_is_refused(string typed) => Assert.Null(AgentAddress.Parse(typed));
}
