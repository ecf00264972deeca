
H
x
*/ int injected = 1; /* "Placeholder*
index0*
shape:
1
__y\Negx
*/ int injected = 1; /* "*
T0"