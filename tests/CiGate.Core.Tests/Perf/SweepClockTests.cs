using CiGate.Core.Suites.Perf;

namespace CiGate.Core.Tests.Perf;

public sealed class SweepClockTests
{
    [Fact]
    public void The_time_left_is_the_pace_so_far_times_the_points_left()
    {
        var clock = new SweepClock(6);
        clock.Recalled(); // done in an earlier run: counts as done, not toward the pace

        Assert.Equal("load point 2 of 6, about 40 s left", clock.Measured(TimeSpan.FromSeconds(10)));
        Assert.Equal("load point 3 of 6, about 2 min left", clock.Measured(TimeSpan.FromSeconds(80)));
        Assert.Equal("load point 4 of 6, about 1 h 40 min left", clock.Measured(TimeSpan.FromSeconds(9000)));
    }

    [Fact]
    public void The_last_point_and_an_unknown_count_say_no_time()
    {
        var last = new SweepClock(1);
        var search = new SweepClock(0);

        Assert.Equal("load point 1 of 1", last.Measured(TimeSpan.FromSeconds(3)));
        Assert.Equal("load point 1", search.Measured(TimeSpan.FromSeconds(3)));
        Assert.Equal("load point 2", search.Measured(TimeSpan.FromSeconds(6)));
    }
}
