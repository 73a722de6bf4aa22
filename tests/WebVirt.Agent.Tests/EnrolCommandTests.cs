using WebVirt.Agent.Configuration;
using WebVirt.Agent.Enrolment;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests;

public sealed class EnrolCommandTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "wvt-enrolcmd-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private AgentOptions Options => new() { HostId = "host-b", StateDirectory = _stateDirectory };

    [Fact]
    public void Prints_a_well_formed_code_and_the_fingerprint_and_keeps_both_readable_by_the_agent_alone()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, EnrolCommand.Run(Options, ["--valid-minutes", "30"], output, error));

        var text = output.ToString();
        var code = System.Text.RegularExpressions.Regex.Match(text, @"Enrolment code:\s+(\S+)").Groups[1].Value;
        Assert.True(EnrolmentHandshake.IsWellFormed(code), text);
        var certificate = AgentCertificate.LoadOrCreate(_stateDirectory, "host-b");
        Assert.Contains(certificate.FingerprintForDisplay, text, StringComparison.Ordinal);
        Assert.Equal(64 + 31, certificate.FingerprintForDisplay.Length);
        foreach (var file in Directory.GetFiles(_stateDirectory))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_stateDirectory));
        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData("10081")]
    public void A_bad_validity_is_refused_and_nothing_is_written(string minutes)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, EnrolCommand.Run(Options, ["--valid-minutes", minutes], output, error));

        Assert.Contains("--valid-minutes", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_stateDirectory));
    }

    [Fact]
    public void The_certificate_is_made_once_and_read_back_the_same()
    {
        var first = AgentCertificate.LoadOrCreate(_stateDirectory, "host-b");
        var second = AgentCertificate.LoadOrCreate(_stateDirectory, "host-b");

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.True(second.Certificate.HasPrivateKey);
    }

    [Theory]
    [InlineData("abcd-efgh-jkmn", "ABCDEFGHJKMN", true)]
    [InlineData("ABCD EFGH JKMN", "ABCDEFGHJKMN", true)]
    [InlineData("o0il-1234-5678", "001112345678", true)]
    [InlineData("ABCD-EFGH-JKMU", "ABCDEFGHJKMU", false)]
    [InlineData("ABCD-EFGH", "ABCDEFGH", false)]
    public void Codes_read_as_people_type_them(string typed, string normalized, bool wellFormed)
    {
        Assert.Equal(normalized, EnrolmentHandshake.NormalizeCode(typed));
        Assert.Equal(wellFormed, EnrolmentHandshake.IsWellFormed(typed));
    }
}
