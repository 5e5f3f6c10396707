// Every test runs in the county's own time zone (UTC+8), as the clerks' and the office's
// machines do: a reading that goes through the machine's zone shows here, not only in Yunnan.
// Set here, before jest starts its workers, because a test cannot change the zone of its own.
module.exports = () => {
  process.env.TZ = 'Asia/Shanghai';
};
