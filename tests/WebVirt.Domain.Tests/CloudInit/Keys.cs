namespace WebVirt.Domain.Tests.CloudInit;

/// <summary>Public keys made by ssh-keygen for these tests (public halves only; the private ones were thrown away).</summary>
internal static class Keys
{
    public const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sUSYTp alice@example";

    public const string Rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCk0XQVk/AMRr63LcBmMcLZsQ0inxE16L3lltDu7qD5NnCR+Q85T6S5Jak4nmqHg8m0oIJfdjOjnj515HBsPEUezaQcs1ZV8b34AJa03NKJqjA9COCRTCtLhKiLGaA2sep7C5wUvRPPeKw+gQDkpAILkzbO5q+c5/fZB2eS75Bc/AhBHE82RXgtutJnsWJ9BVG0bHMWkPeuaEI8L4nQfsAoetU/DiN/sWiWT1ddWR3bswHAZGVLnRUH9yATH4z5WK9DwB9QW4lCa/RkLZdpZNZ3JZer/44XOyCHGlaN9GN7lZog9PM7uVS6SWvb/ciaUFhpz+6PyuMhcW+PsfihQQld bob";

    public const string Ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNHTh9t2XL+5/lPGoe++YLH0iVL1srj3/4Tyf4lAtF92pOFmq2hoS9mWrwTE9RuJBSol5PmPl8i/0VyrkFHgluI= root@vm";
}
