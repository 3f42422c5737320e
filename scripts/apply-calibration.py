import sys,json,re
cal=json.loads(sys.argv[1]); p='src/matching/calibration.ts'; s=open(p).read()
body="export const DEFAULT_CALIBRATION: Calibration = {\n"+"".join(f"  {k}: {v},\n" for k,v in cal.items())+"};"
s=re.sub(r"export const DEFAULT_CALIBRATION: Calibration = \{[^}]*\};", body, s)
open(p,'w').write(s)
