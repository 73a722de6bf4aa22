using WebVirt.Web.Security;

namespace WebVirt.Web.Tests.Sessions;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/guests/h1/0b6c?tab=disks")]
    [InlineData("/storage?host=h%201")]
    [InlineData("/login?ReturnUrl=%2Fnetworks")]
    public void Plain_local_paths_are_kept(string url) => Assert.Equal(url, LocalUrl.OrRoot(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%2509/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%252F/evil.example")]
    [InlineData("/%5C/evil.example")]
    [InlineData("/%255C/evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/redirect?to=https://evil.example")]
    [InlineData("/@evil.example")]
    [InlineData("/%40evil.example")]
    [InlineData("/\u202e/evil")]
    [InlineData("/é")]
    [InlineData("evil.example")]
    [InlineData(" /x")]
    public void Anything_else_falls_back_to_the_root(string? url) => Assert.Equal("/", LocalUrl.OrRoot(url));

    [Fact]
    public void Overlong_targets_fall_back_to_the_root() =>
        Assert.Equal("/", LocalUrl.OrRoot("/" + new string('a', LocalUrl.MaxLength)));
}
