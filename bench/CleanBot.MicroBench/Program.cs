using BenchmarkDotNet.Running;

namespace CleanBot.MicroBench;

/// <summary>Runs the micro-benchmarks; BenchmarkDotNet's own arguments apply (e.g. <c>--filter *Answer*</c>,
/// <c>--job short</c>).</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
