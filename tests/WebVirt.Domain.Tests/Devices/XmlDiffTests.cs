using WebVirt.Domain.Devices;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Devices;

public sealed class XmlDiffTests
{
    private const string Before = """
        <domain type='kvm'>
          <name>g</name>
          <memory unit='KiB'>1048576</memory>
          <currentMemory unit='KiB'>1048576</currentMemory>
          <vcpu>1</vcpu>
          <os><type>hvm</type><boot dev='hd'/></os>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>restart</on_reboot>
          <on_crash>destroy</on_crash>
          <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
        </domain>
        """;

    [Fact]
    public void Equal_documents_have_an_empty_diff_whatever_their_formatting() =>
        Assert.Equal(string.Empty, XmlDiff.Unified(Before, Before.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("  ", string.Empty, StringComparison.Ordinal)));

    [Fact]
    public void A_changed_value_is_one_hunk_with_context()
    {
        string after = Before.Replace("<vcpu>1</vcpu>", "<vcpu>2</vcpu>", StringComparison.Ordinal);

        string expected = """
            --- before
            +++ after
            @@ -2,7 +2,7 @@
               <name>g</name>
               <memory unit="KiB">1048576</memory>
               <currentMemory unit="KiB">1048576</currentMemory>
            -  <vcpu>1</vcpu>
            +  <vcpu>2</vcpu>
               <os>
                 <type>hvm</type>
                 <boot dev="hd" />

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), XmlDiff.Unified(Before, after));
    }

    [Fact]
    public void Additions_and_removals_far_apart_are_separate_hunks_with_labels()
    {
        string after = Before
            .Replace("<name>g</name>", "<name>g</name><description>d</description>", StringComparison.Ordinal)
            .Replace("<emulator>/usr/bin/qemu-system-x86_64</emulator>", string.Empty, StringComparison.Ordinal);

        string diff = XmlDiff.Unified(Before, after, "running", "edited", context: 1);
        string[] lines = diff.Split('\n');

        Assert.Equal("--- running", lines[0]);
        Assert.Equal("+++ edited", lines[1]);
        Assert.Equal(2, lines.Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("@@ -2,2 +2,3 @@", lines);
        Assert.Contains("@@ -12,5 +13,3 @@", lines);
        Assert.Contains("+  <description>d</description>", lines);
        Assert.Contains("-    <emulator>/usr/bin/qemu-system-x86_64</emulator>", lines);
        Assert.Contains("+  <devices></devices>", lines);
    }

    [Fact]
    public void A_pure_insertion_uses_an_empty_old_range()
    {
        string diff = XmlDiff.Unified("<a><b/></a>", "<a><b/><c/></a>", context: 0);

        Assert.Equal("--- before\n+++ after\n@@ -2,0 +3 @@\n+  <c />\n", diff);
    }

    [Fact]
    public void An_editor_result_diffs_against_its_source()
    {
        using var pool = new FakePool();
        HostLimits host = Hosts.For(pool);
        string source = Build.Xml(Specs.Iso(pool), pool).ToString();
        string edited = Refused.Valid(DomainXmlEditor.SetMemory(source, new MemorySpec(512, 2048), host));

        string diff = XmlDiff.Unified(source, edited);

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)));
        Assert.Contains("+  <memory unit=\"KiB\">2097152</memory>", diff, StringComparison.Ordinal);
        Assert.Contains("+  <currentMemory unit=\"KiB\">524288</currentMemory>", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_text_stays_escaped_in_the_diff() =>
        Assert.Contains("+<a>x &lt;/a&gt; &amp;</a>", XmlDiff.Unified("<a>x</a>", "<a>x &lt;/a&gt; &amp;</a>"), StringComparison.Ordinal);
}
