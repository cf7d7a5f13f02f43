/** The part of autocannon's API the bench uses (the package ships no types). */
declare module 'autocannon' {
  interface Histogram { average: number; p50: number; p99: number; max: number }
  interface Result {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }
  interface RequestSpec { method?: string; path?: string; setupRequest?: (req: any, context: any) => any }
  interface Options { url: string; connections?: number; duration?: number; amount?: number; requests?: RequestSpec[] }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
