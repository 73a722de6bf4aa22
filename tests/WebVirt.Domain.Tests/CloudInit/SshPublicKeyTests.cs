using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.CloudInit;

public sealed class SshPublicKeyTests
{
    [Theory]
    [InlineData(Keys.Ed25519, "ssh-ed25519")]
    [InlineData(Keys.Rsa, "ssh-rsa")]
    [InlineData(Keys.Ecdsa, "ecdsa-sha2-nistp256")]
    public void Real_keys_pass(string line, string type)
    {
        Assert.Equal(SshPublicKey.Verdict.Valid, SshPublicKey.Check(line, out string found));
        Assert.Equal(type, found);
    }

    [Fact]
    public void A_key_without_a_comment_passes() =>
        Assert.Equal(SshPublicKey.Verdict.Valid, SshPublicKey.Check(string.Join(' ', Keys.Ed25519.Split(' ')[..2]), out _));

    [Theory]
    [InlineData("ssh-dss AAAAB3NzaC1kc3M= old")]
    [InlineData("from=\"10.0.0.1\" " + Keys.Ed25519)]
    [InlineData("hello world")]
    public void Unknown_types_are_refused(string line) =>
        Assert.Equal(SshPublicKey.Verdict.UnknownType, SshPublicKey.Check(line, out _));

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-ed25519 not*base64 x")]
    // The blob of the RSA key under the Ed25519 type name.
    [InlineData("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQCk0XQVk/AMRr63LcBmMcLZsQ0inxE16L3lltDu7qD5NnCR+Q85T6S5Jak4nmqHg8m0oIJfdjOjnj515HBsPEUezaQcs1ZV8b34AJa03NKJqjA9COCRTCtLhKiLGaA2sep7C5wUvRPPeKw+gQDkpAILkzbO5q+c5/fZB2eS75Bc/AhBHE82RXgtutJnsWJ9BVG0bHMWkPeuaEI8L4nQfsAoetU/DiN/sWiWT1ddWR3bswHAZGVLnRUH9yATH4z5WK9DwB9QW4lCa/RkLZdpZNZ3JZer/44XOyCHGlaN9GN7lZog9PM7uVS6SWvb/ciaUFhpz+6PyuMhcW+PsfihQQld")]
    // Valid base 64, but the Ed25519 key is cut short.
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sU")]
    public void Malformed_key_data_is_refused(string line) =>
        Assert.Equal(SshPublicKey.Verdict.Malformed, SshPublicKey.Check(line, out _));
}
