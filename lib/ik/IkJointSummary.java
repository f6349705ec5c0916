package valor.ik;

/**
 * What analysts ask of a joint's series most often, computed once at ingest so it is a plain
 * table query: samples, duration, angle min / max / range / mean, and peak absolute angular
 * velocity and acceleration. Null samples (NaN) are left out; a statistic with no samples is null.
 */
public record IkJointSummary(String joint, int samples, Double durationSeconds, Double minAngle, Double maxAngle,
                             Double rangeOfMotion, Double meanAngle, Double peakAbsVelocity, Double peakAbsAcceleration) {

    public static IkJointSummary of(String name, IkSeries.Joint joint, double[] time) {
        int samples = joint.samples();
        Double duration = null;
        if (time != null && samples > 0 && time.length > 0) duration = time[Math.min(samples, time.length) - 1] - time[0];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        int counted = 0;
        if (joint.angle() != null) {
            for (double v : joint.angle()) {
                if (Double.isNaN(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                counted++;
            }
        }
        return new IkJointSummary(name, samples, duration,
                counted == 0 ? null : min, counted == 0 ? null : max, counted == 0 ? null : max - min,
                counted == 0 ? null : sum / counted, peakAbs(joint.velocity()), peakAbs(joint.acceleration()));
    }

    private static Double peakAbs(double[] values) {
        if (values == null) return null;
        double peak = -1;
        for (double v : values) if (!Double.isNaN(v)) peak = Math.max(peak, Math.abs(v));
        return peak < 0 ? null : peak;
    }
}
